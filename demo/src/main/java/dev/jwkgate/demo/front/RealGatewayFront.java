package dev.jwkgate.demo.front;

import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.it.gateways.GatewayInstall;
import dev.jwkgate.it.gateways.RealApisix;
import dev.jwkgate.it.gateways.RealGateway;
import dev.jwkgate.it.gateways.RealKong;
import dev.jwkgate.it.gateways.Route;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The real Apache APISIX or Kong, installed on this machine, with jwkgate deployed as the module READMEs deploy it
 * (APISIX starts the runner jar through {@code ext-plugin.cmd}, Kong the plugin server through its
 * {@code pluginserver_*} lines) and the demo's routes, in front of an {@link EchoUpstreamServer}. Clients reach it
 * on its own port ({@link #url}); the demo's front forwards {@code /<name>/…} to it as well, so the front's URLs
 * keep working.
 */
public final class RealGatewayFront implements GatewayFront {

    /**
     * Headers the front does not pass on: the connection's own (RFC 9110 §7.6.1) and those the JDK's HTTP client
     * sets itself and refuses to take from a caller ({@code Host} becomes the gateway's address).
     */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "content-length", "expect", "host", "date", "from", "via", "warning");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final RealGateway gateway;
    private final EchoUpstreamServer upstream;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RealGatewayFront(String name, RealGateway gateway, EchoUpstreamServer upstream) {
        this.name = name;
        this.gateway = gateway;
        this.upstream = upstream;
    }

    /** Starts APISIX on {@code port} in {@code dir} with the runner jar and these routes, its upstream on {@code upstreamPort}. */
    public static RealGatewayFront apisix(GatewayInstall install, Path dir, int port, int upstreamPort, Path runnerJar,
                                          Map<String, Policy> routes) throws IOException, InterruptedException {
        EchoUpstreamServer upstream = EchoUpstreamServer.start("apisix", upstreamPort);
        try {
            RealApisix apisix = RealApisix.start(install, dir, port, upstream.port(), runnerJar, List.of(), List.of());
            return deployed(new RealGatewayFront("apisix", apisix, upstream), routes);
        } catch (IOException | InterruptedException | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    /** Starts Kong on {@code port} (Admin API on {@code adminPort}, loopback) with the plugin server jar and these routes. */
    public static RealGatewayFront kong(GatewayInstall install, Path dir, int port, int adminPort, int upstreamPort,
                                        Path serverJar, Map<String, Policy> routes) throws IOException, InterruptedException {
        EchoUpstreamServer upstream = EchoUpstreamServer.start("kong", upstreamPort);
        try {
            RealKong kong = RealKong.start(install, dir, port, adminPort, upstream.port(), serverJar, List.of(), List.of());
            return deployed(new RealGatewayFront("kong", kong, upstream), routes);
        } catch (IOException | InterruptedException | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    private static RealGatewayFront deployed(RealGatewayFront front, Map<String, Policy> routes) {
        try {
            front.gateway.deploy(routes.entrySet().stream().map(r -> Route.jwkgate(r.getKey(), r.getValue())).toList());
            return front;
        } catch (RuntimeException e) {
            front.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** A route's URL on the gateway's own port, e.g. {@code http://127.0.0.1:8001/orders}. */
    public URI url(String route) {
        return gateway.uri("/" + route);
    }

    /** The gateway's error log. */
    public Path errorLog() {
        return gateway.errorLog();
    }

    /** Where the runner / plugin server logs: APISIX's error log, or the Kong plugin server's {@code --log-file}. */
    public Path serverLog() {
        return gateway.serverLog();
    }

    /** The gateway's nginx master process. */
    public long pid() {
        return gateway.master().pid();
    }

    /** Sends the request on to the gateway (same method, path after the name, query and headers) and returns its answer. */
    @Override
    public FrontResponse handle(String route, FrontRequest request) throws IOException {
        String query = request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery();
        HttpRequest.Builder forward = HttpRequest.newBuilder(gateway.uri("/" + route + query)).timeout(TIMEOUT)
                .method(request.method(), HttpRequest.BodyPublishers.noBody());
        for (Header header : request.headers()) {
            if (!NOT_FORWARDED.contains(header.name().toLowerCase(Locale.ROOT))) {
                forward.header(header.name(), header.value());
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + name + " answered", e);
        }
        List<Header> headers = new ArrayList<>();
        answer.headers().map().forEach((header, values) -> values.forEach(value -> headers.add(new Header(header, value))));
        return new FrontResponse(answer.statusCode(), headers, answer.body());
    }

    /** Stops the gateway by PID (and with it the Java process it started), then the upstream. */
    @Override
    public void close() {
        gateway.close();
        upstream.close();
    }
}
