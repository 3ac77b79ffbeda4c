package dev.jwkgate.it.gateways;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An upstream on 127.0.0.1 that answers every request with the request itself as JSON: {@code method}, {@code path}
 * and {@code query} (raw, as forwarded), {@code headers} (lower-case names, every value) and {@code body}; the answer
 * carries two headers of its own, {@code X-Echo-Keep: kept} and {@code X-Echo-Drop: drop}, for a gateway plugin's
 * response phase to change. For tests that read what a real gateway forwarded from the answer the client gets.
 */
public final class RequestEcho implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private RequestEcho(HttpServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port}. */
    public static RequestEcho start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("method", exchange.getRequestMethod());
            seen.put("path", exchange.getRequestURI().getRawPath());
            seen.put("query", exchange.getRequestURI().getRawQuery());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            seen.put("headers", headers);
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = JSON.writeValueAsBytes(seen);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Echo-Keep", "kept");
            exchange.getResponseHeaders().add("X-Echo-Drop", "drop");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new RequestEcho(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
