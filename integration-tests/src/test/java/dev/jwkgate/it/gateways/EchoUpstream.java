package dev.jwkgate.it.gateways;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The upstream behind both gateways: a loopback HTTP/1.1 server that records every request exactly as it arrived
 * (header names in the case and order the gateway sent them, every value) and answers 200. Written on a plain
 * socket because the JDK's HTTP server re-cases header names, and the case is part of what is observed here.
 */
public final class EchoUpstream implements AutoCloseable {

    /** One request as the upstream received it. */
    public record Received(String method, String target, List<Map.Entry<String, String>> headers) {

        /** Every value of a header, its name compared case-insensitively (as HTTP defines names). */
        public List<String> values(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        /** Header names as sent, for observations that depend on spelling (underscores, case). */
        public List<String> names() {
            return headers.stream().map(Map.Entry::getKey).toList();
        }
    }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "echo-upstream");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Received> byPath = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean open = true;

    private EchoUpstream(ServerSocket server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port}. */
    public static EchoUpstream start(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        EchoUpstream upstream = new EchoUpstream(socket);
        upstream.connections.execute(upstream::accept);
        return upstream;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request that arrived for this path (path and query, as the gateway forwarded it). */
    public Optional<Received> received(String target) {
        return Optional.ofNullable(byPath.get(target));
    }

    /** Whether any request arrived whose path starts with this prefix. */
    public boolean receivedAny(String prefix) {
        return byPath.keySet().stream().anyMatch(target -> target.startsWith(prefix));
    }

    /** Requests received so far. */
    public int count() {
        return requests.get();
    }

    private void accept() {
        while (open) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (open) {
                    System.err.println("echo upstream: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = socket.getOutputStream()) {
            while (open) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue;
                }
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                    int colon = line.indexOf(':');
                    headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).trim()));
                }
                String[] parts = requestLine.split(" ");
                Received received = new Received(parts[0], parts[1], List.copyOf(headers));
                skipBody(in, received);
                byPath.put(received.target(), received);
                requests.incrementAndGet();
                byte[] body = ("{\"upstream\":\"echo\",\"target\":\"" + received.target().replace("\"", "%22") + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                boolean close = received.values("connection").stream().anyMatch(v -> v.equalsIgnoreCase("close"));
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + (close ? "\r\nConnection: close" : "") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // the gateway closed its keep-alive connection
        }
    }

    private static void skipBody(InputStream in, Received received) throws IOException {
        List<String> length = received.values("content-length");
        if (!length.isEmpty()) {
            in.readNBytes(Integer.parseInt(length.get(0)));
        } else if (received.values("transfer-encoding").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            for (String size = line(in); size != null; size = line(in)) {
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                in.readNBytes(n);
                line(in);
                if (n == 0) {
                    return;
                }
            }
        }
    }

    /** One CRLF-terminated line (ISO-8859-1, as HTTP/1.1 header bytes are), null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = buffer.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            buffer.write(b);
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        connections.shutdownNow();
    }
}
