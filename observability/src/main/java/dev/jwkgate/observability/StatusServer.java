package dev.jwkgate.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.SourceStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jose4j.json.JsonUtil;

/**
 * The status port of a gateway deployable, on the loopback interface only: {@code GET /metrics} (Prometheus
 * text), {@code GET /health/live} (200 while the process serves) and {@code GET /health/ready} (200 when no
 * remote key source is UNAVAILABLE, else 503; the body lists each source's health and keys). Anything else is
 * 404, a method other than GET or HEAD 405. One daemon thread answers: a scrape is a few kilobytes.
 */
public final class StatusServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port) and serves {@code metrics} and {@code sources}. */
    public static StatusServer start(int port, PrometheusMetrics metrics, Supplier<List<SourceStatus>> sources)
            throws IOException {
        Objects.requireNonNull(metrics);
        Objects.requireNonNull(sources);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "jwkgate-status");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, metrics, sources);
            }
        });
        server.start();
        return new StatusServer(server, executor);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(HttpExchange exchange, PrometheusMetrics metrics, Supplier<List<SourceStatus>> sources)
            throws IOException {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        switch (exchange.getRequestURI().getPath()) {
            case "/metrics":
                ByteArrayOutputStream text = new ByteArrayOutputStream(8192);
                metrics.scrape(text);
                send(exchange, 200, metrics.contentType(), text.toByteArray());
                break;
            case "/health/live":
                send(exchange, 200, "application/json", "{\"status\":\"live\"}".getBytes(StandardCharsets.UTF_8));
                break;
            case "/health/ready":
                ready(exchange, sources.get());
                break;
            default:
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Ready while every remote key source has a usable set (HEALTHY or STALE); with none configured yet, too. */
    private static void ready(HttpExchange exchange, List<SourceStatus> statuses) throws IOException {
        boolean ready = statuses.stream().noneMatch(s -> s.health() == SourceHealth.UNAVAILABLE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not_ready");
        body.put("sources", statuses.stream().map(s -> {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("issuer", s.issuer());
            source.put("source", s.location());
            source.put("health", s.health().name());
            source.put("keys", s.keyCount());
            return source;
        }).toList());
        send(exchange, ready ? 200 : 503, "application/json", JsonUtil.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
