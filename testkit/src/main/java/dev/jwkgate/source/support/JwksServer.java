package dev.jwkgate.source.support;

import com.sun.net.httpserver.HttpServer;
import dev.jwkgate.apisix.support.SigningKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** An identity provider's JWKS endpoint on loopback, whose key set a test can replace (a rotation) or take down. */
public final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String jwks;

    private JwksServer(String initialJwks) throws IOException {
        this.jwks = initialJwks;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
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

    /** Serves this JWKS document as given. */
    public static JwksServer serving(String jwks) throws IOException {
        return new JwksServer(jwks);
    }

    /** Serves the public halves of these keys. */
    public static JwksServer serving(SigningKey... keys) throws IOException {
        return new JwksServer(jwksOf(List.of(keys)));
    }

    /** Replaces the published key set (a rotation at the identity provider). */
    public void serve(String newJwks) {
        jwks = newJwks;
    }

    /** Replaces the published key set with the public halves of these keys. */
    public void serve(List<SigningKey> keys) {
        serve(jwksOf(keys));
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

    private static String jwksOf(List<SigningKey> keys) {
        return keys.stream().map(SigningKey::publicJwkJson).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }
}
