package dev.jwkgate.kong.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An identity provider's JWKS endpoint on loopback, whose key set a test can rotate or take down. */
final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<String> jwks;
    private final AtomicInteger fetches = new AtomicInteger();

    private JwksServer(String initialJwks) throws IOException {
        this.jwks = new AtomicReference<>(initialJwks);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "max-age=600");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static JwksServer serving(String jwks) throws IOException {
        return new JwksServer(jwks);
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    void rotateTo(String newJwks) {
        jwks.set(newJwks);
    }

    int fetches() {
        return fetches.get();
    }

    /** The endpoint goes down: connections are refused from now on. */
    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
