package dev.jwkgate.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A JWKS endpoint on loopback that counts its fetches and can answer slowly, as a distant identity provider. */
final class LoopbackJwks implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private final long delayMillis;
    private volatile byte[] body;

    LoopbackJwks(String jwks, long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        serve(jwks);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = body;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-jwks");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** From now on, answer with this set (a rotation at the identity provider). */
    void serve(String jwks) {
        body = jwks.getBytes(StandardCharsets.UTF_8);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    int fetches() {
        return fetches.get();
    }

    long delayMillis() {
        return delayMillis;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
