package dev.jwkgate.demo.front;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The demo's HTTP/1.1 listener on loopback. It reads each request's head, hands the request unchanged to the
 * gateway front its first path segment names ({@code /apisix/orders} → the {@code apisix} front, route
 * {@code orders}), and writes that front's answer back unchanged, one request per connection.
 *
 * <p>A head beyond {@link #MAX_HEAD_BYTES} is answered 431 (RFC 6585 §5), then the rest of the request is read
 * and dropped before the connection closes, so the client gets the answer instead of a reset. Written by hand:
 * the JDK's {@code HttpServer} keeps headers only as a map and resets the connection on a head beyond its own
 * limit.
 */
public final class HttpFront implements AutoCloseable {

    /** The largest request head (request line and header lines) the front reads. */
    public static final int MAX_HEAD_BYTES = 64 * 1024;

    private static final int READ_TIMEOUT_MS = 10_000;
    private static final int DRAIN_TIMEOUT_MS = 2_000;
    private static final long DRAIN_LIMIT_BYTES = 16L << 20;
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(408, "Request Timeout"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"));

    private final ServerSocket server;
    private final Map<String, GatewayFront> gateways = new LinkedHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(8, runnable -> {
        Thread t = new Thread(runnable, "demo-front");
        t.setDaemon(true);
        return t;
    });

    private HttpFront(ServerSocket server, List<GatewayFront> fronts) {
        this.server = server;
        fronts.forEach(front -> gateways.put(front.name(), front));
        Thread acceptor = new Thread(this::accept, "demo-front-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on {@code address} (port 0: any free port) and serves the given gateways. */
    public static HttpFront start(InetSocketAddress address, List<GatewayFront> fronts) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(address, 64);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return new HttpFront(server, fronts);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                try {
                    workers.execute(() -> serve(socket));
                } catch (RejectedExecutionException closing) {
                    socket.close();
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("demo front: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            FrontResponse response;
            boolean head = false;
            try {
                FrontRequest request = RequestHead.read(in, MAX_HEAD_BYTES, socket.getInetAddress());
                head = request.method().equals("HEAD");
                response = route(request);
            } catch (RequestHead.TooLarge e) {
                response = FrontResponse.json(431, "{\"error\":\"request_header_fields_too_large\",\"limit_bytes\":"
                        + MAX_HEAD_BYTES + "}");
            } catch (RequestHead.Malformed e) {
                response = FrontResponse.json(400, "{\"error\":\"bad_request\"}");
            } catch (SocketTimeoutException e) {
                response = FrontResponse.json(408, "{\"error\":\"request_timeout\"}");
            } catch (EOFException e) {
                return;
            }
            write(socket.getOutputStream(), response, head);
            lingeringClose(socket, in);
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    private FrontResponse route(FrontRequest request) {
        String path = request.path();
        int slash = path.indexOf('/', 1);
        GatewayFront front = slash < 0 ? null : gateways.get(path.substring(1, slash));
        if (front == null) {
            return FrontResponse.json(404, "{\"error\":\"not_found\",\"gateways\":[" + String.join(",",
                    gateways.keySet().stream().map(name -> "\"/" + name + "/…\"").toList()) + "]}");
        }
        try {
            return front.handle(path.substring(slash + 1), request);
        } catch (IOException | RuntimeException e) {
            System.err.println("demo front: the " + front.name() + " plugin did not answer: " + e);
            return FrontResponse.json(502, "{\"error\":\"plugin_unreachable\",\"gateway\":\"" + front.name() + "\"}");
        }
    }

    private static void write(OutputStream out, FrontResponse response, boolean head) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes(("HTTP/1.1 " + response.status() + " " + REASONS.getOrDefault(response.status(), "")
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (Header header : response.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") || name.equals("connection") || name.equals("transfer-encoding")) {
                continue; // this connection's framing is the front's
            }
            // a line break in a value would split the response; no plugin answer has one, so none is kept
            String value = header.value().replace('\r', ' ').replace('\n', ' ');
            text.writeBytes((header.name() + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] body = response.body();
        text.writeBytes(("Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        if (!head) {
            text.writeBytes(body);
        }
        out.write(text.toByteArray());
        out.flush();
    }

    /**
     * Closes after the answer without a reset: a close with unread request bytes makes TCP send RST, and the
     * client may then lose the answer. So the sending side is shut first, and what the client still sends is
     * read and dropped, for a bounded time and size.
     */
    private static void lingeringClose(Socket socket, InputStream in) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(DRAIN_TIMEOUT_MS);
            long deadline = System.nanoTime() + DRAIN_TIMEOUT_MS * 1_000_000L;
            byte[] sink = new byte[8192];
            long drained = 0;
            for (int n; drained < DRAIN_LIMIT_BYTES && System.nanoTime() < deadline && (n = in.read(sink)) >= 0; ) {
                drained += n;
            }
        } catch (IOException e) {
            // the client closed first, or kept the connection open past the time: closing now is all that is left
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        workers.shutdownNow();
    }
}
