package dev.jwkgate.demo.front;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A client that writes a request byte for byte, as curl would, and reads the whole answer until the close. */
final class RawHttp {

    /** The answer as received: status, every header line in order, body. */
    record Reply(int status, List<Header> headers, String body) {
        List<String> header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
        }
    }

    private RawHttp() {
    }

    /** A GET of {@code target} with these header lines ("Name: value"), plus Host. */
    static Reply get(int port, String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return exchange(port, request.append("\r\n").toString());
    }

    static Reply exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Reply parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new Header(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()));
        }
        return new Reply(status, headers, text.substring(end + 4));
    }
}
