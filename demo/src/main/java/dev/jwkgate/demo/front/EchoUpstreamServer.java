package dev.jwkgate.demo.front;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The demo's {@link EchoUpstream} as an HTTP server on loopback, for a real gateway to proxy to: every request
 * gets 200 and, as JSON, the headers and query it arrived with. One server per gateway, so the answer names it.
 */
public final class EchoUpstreamServer implements AutoCloseable {

    private final HttpServer server;

    private EchoUpstreamServer(HttpServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port} for the gateway called {@code gateway} (e.g. {@code apisix}). */
    public static EchoUpstreamServer start(String gateway, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", exchange -> answer(gateway, exchange));
        server.start();
        return new EchoUpstreamServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(String gateway, HttpExchange exchange) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
            List<Header> headers = new ArrayList<>();
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> headers.add(new Header(name, value))));
            String path = exchange.getRequestURI().getRawPath();
            String route = path.substring(1).split("/", 2)[0];
            String query = Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), "");
            FrontResponse echo = EchoUpstream.answer(gateway, route, headers, query);
            echo.headers().forEach(header -> exchange.getResponseHeaders().add(header.name(), header.value()));
            byte[] body = echo.body();
            exchange.sendResponseHeaders(echo.status(), body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
