package dev.jwkgate.apisix.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** A JWKS endpoint on loopback whose key set can be rotated and which can be taken down. */
public final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String jwks;

    private JwksServer(HttpServer server, List<SigningKey> keys) {
        this.server = server;
        serve(keys);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static JwksServer serving(SigningKey... keys) throws IOException {
        return new JwksServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                List.of(keys));
    }

    /** Replaces the published key set (a rotation at the identity provider). */
    public void serve(List<SigningKey> keys) {
        jwks = keys.stream().map(SigningKey::publicJwkJson).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** How many times the key set was fetched. */
    public int fetches() {
        return fetches.get();
    }

    /** Takes the endpoint down: further fetches are refused at connect. */
    @Override
    public void close() {
        server.stop(0);
    }
}
