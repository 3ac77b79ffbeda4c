package dev.jwkgate.source.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/** A real HTTP(S) server on loopback whose answers a test sets per path, counting and recording requests. */
public final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final String scheme;
    private final String host;
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Headers> requestHeaders = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesStreamed = new AtomicLong();

    /**
     * What to answer. {@code delay} passes before the headers; {@code streamBytes > 0} streams that many bytes,
     * chunked, instead of {@code body}; {@code bodyPause} passes after the first byte of the body.
     */
    public record Response(int status, Map<String, String> headers, byte[] body, Duration delay, long streamBytes,
                           Duration bodyPause) {

        public Response(int status, Map<String, String> headers, byte[] body, Duration delay, long streamBytes) {
            this(status, headers, body, delay, streamBytes, Duration.ZERO);
        }

        public static Response json(String body) {
            return new Response(200, Map.of("Content-Type", "application/json"),
                    body.getBytes(StandardCharsets.UTF_8), Duration.ZERO, 0);
        }

        public static Response status(int status) {
            return new Response(status, Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8),
                    Duration.ZERO, 0);
        }

        public Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, h, body, delay, streamBytes);
        }

        public Response withoutHeader(String name) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.remove(name);
            return new Response(status, h, body, delay, streamBytes);
        }

        public Response withDelay(Duration delay) {
            return new Response(status, headers, body, delay, streamBytes);
        }

        public Response streaming(long bytes) {
            return new Response(status, headers, body, delay, bytes);
        }

        /** Sends the headers and the first byte at once, the rest of the body after {@code pause}. */
        public Response trickling(Duration pause) {
            return new Response(status, headers, body, delay, streamBytes, pause);
        }
    }

    private LoopbackServer(HttpServer server, String scheme, String host) {
        this.server = server;
        this.scheme = scheme;
        this.host = host;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LoopbackServer http() throws IOException {
        return new LoopbackServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                "http", "127.0.0.1");
    }

    /** HTTPS with the given server context; URLs name {@code localhost} so the certificate's SAN matches. */
    public static LoopbackServer https(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new LoopbackServer(server, "https", "localhost");
    }

    /** HTTPS that demands a client certificate the server context trusts (mutual TLS). */
    public static LoopbackServer httpsWithClientCertificates(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(com.sun.net.httpserver.HttpsParameters params) {
                javax.net.ssl.SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        return new LoopbackServer(server, "https", "localhost");
    }

    public URI uri(String path) {
        return URI.create(base() + path);
    }

    public String base() {
        return scheme + "://" + host + ":" + server.getAddress().getPort();
    }

    public LoopbackServer respond(String path, Response response) {
        responses.put(path, response);
        return this;
    }

    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    public List<Headers> requestHeaders() {
        return List.copyOf(requestHeaders);
    }

    /** Bytes of streamed bodies actually written before the client stopped reading. */
    public long bytesStreamed() {
        return bytesStreamed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        requestHeaders.add(exchange.getRequestHeaders());
        Response response = responses.getOrDefault(path, Response.status(404));
        try (exchange) {
            if (!response.delay().isZero()) {
                try {
                    Thread.sleep(response.delay().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (response.streamBytes() > 0) {
                exchange.sendResponseHeaders(response.status(), 0); // chunked: no length announced
                stream(exchange.getResponseBody(), response.streamBytes());
                return;
            }
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (!response.bodyPause().isZero() && response.body().length > 1) {
                exchange.getResponseBody().write(response.body(), 0, 1);
                exchange.getResponseBody().flush();
                try {
                    Thread.sleep(response.bodyPause().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                exchange.getResponseBody().write(response.body(), 1, response.body().length - 1);
                return;
            }
            exchange.getResponseBody().write(response.body());
        } catch (IOException e) {
            // the client hung up: expected in refusal tests
        }
    }

    private void stream(OutputStream out, long total) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        chunk[0] = '[';
        long written = 0;
        while (written < total) {
            int n = (int) Math.min(chunk.length, total - written);
            out.write(chunk, 0, n);
            written += n;
            bytesStreamed.addAndGet(n);
        }
    }

    /** Stops answering; later connections are refused. */
    public void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    @Override
    public void close() {
        stop();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
