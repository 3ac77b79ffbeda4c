package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A real APISIX and a real Kong, each with jwkgate deployed, in front of one echo upstream. Test classes add their
 * routes ({@link #register}); both gateways always carry the same routes, so every request can be sent to both.
 */
public final class RealGateways implements AutoCloseable {

    private final Path dir;
    private final EchoUpstream upstream;
    private final RealApisix apisix;
    private final RealKong kong;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, Route> apisixOnly = new LinkedHashMap<>();
    /** The status port of each gateway's Java process, when it was started with one. */
    private final Map<RealGateway, GatewayStatus> status = new java.util.HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RealGateways(Path dir, EchoUpstream upstream, RealApisix apisix, RealKong kong) {
        this.dir = dir;
        this.upstream = upstream;
        this.apisix = apisix;
        this.kong = kong;
    }

    /** Starts the upstream and both gateways (in parallel), with the deployables the build packaged. */
    public static RealGateways start() throws Exception {
        return start(List.of(), List.of());
    }

    /**
     * As above, with JVM options of APISIX's runner and JVM options and arguments of Kong's plugin server (see
     * {@link RealKong#start}).
     */
    public static RealGateways start(List<String> runnerOptions, List<String> pluginServerOptions) throws Exception {
        GatewayInstall install = GatewayInstall.require();
        Path dir = RealGateway.scratchDirectory("jwkgate-real-");
        EchoUpstream upstream = EchoUpstream.start(LoopbackPorts.next());
        int apisixPort = LoopbackPorts.next();
        int kongPort = LoopbackPorts.next();
        int kongAdmin = LoopbackPorts.next();
        Instant begin = Instant.now();
        CompletableFuture<RealApisix> apisix = CompletableFuture.supplyAsync(() -> unchecked(() -> RealApisix.start(install,
                dir.resolve("apisix"), apisixPort, upstream.port(), jar("jwkgate.apisix.runnerJar"), List.of(), runnerOptions)));
        CompletableFuture<RealKong> kong = CompletableFuture.supplyAsync(() -> unchecked(() -> RealKong.start(install,
                dir.resolve("kong"), kongPort, kongAdmin, upstream.port(), jar("jwkgate.kong.jar"), List.of(), pluginServerOptions)));
        try {
            CompletableFuture.allOf(apisix, kong).join();
        } catch (RuntimeException e) {
            apisix.handle((a, x) -> a).thenAccept(a -> close(a)).join();
            kong.handle((k, x) -> k).thenAccept(k -> close(k)).join();
            upstream.close();
            throw e;
        }
        System.out.printf("real gateways up after %d ms: APISIX 3.18 on %d (pid %d), Kong 3.9.1 on %d (pid %d), "
                        + "echo upstream on %d, in %s%n", Duration.between(begin, Instant.now()).toMillis(), apisixPort,
                apisix.join().master().pid(), kongPort, kong.join().master().pid(), upstream.port(), dir);
        return new RealGateways(dir, upstream, apisix.join(), kong.join());
    }

    /**
     * As {@link #start(List, List)}, with a status port for each gateway's Java process ({@code /metrics},
     * {@code /health/*}): {@code -Djwkgate.status.port} for APISIX's runner, {@code --status-port} for Kong's plugin
     * server. {@link #status} reads them.
     */
    public static RealGateways startWithStatusPorts(List<String> runnerOptions, List<String> pluginServerOptions) throws Exception {
        int apisixStatus = LoopbackPorts.next();
        int kongStatus = LoopbackPorts.next();
        List<String> runner = new ArrayList<>(runnerOptions);
        runner.add("-Djwkgate.status.port=" + apisixStatus);
        List<String> pluginServer = new ArrayList<>(pluginServerOptions);
        pluginServer.addAll(List.of("--status-port", String.valueOf(kongStatus)));
        RealGateways gateways = start(runner, pluginServer);
        gateways.status.put(gateways.apisix, new GatewayStatus(gateways.apisix.name(), apisixStatus));
        gateways.status.put(gateways.kong, new GatewayStatus(gateways.kong.name(), kongStatus));
        return gateways;
    }

    /** The status port of {@code gateway}'s Java process. */
    public GatewayStatus status(RealGateway gateway) {
        GatewayStatus port = status.get(gateway);
        if (port == null) {
            throw new IllegalStateException(gateway.name() + " was started without a status port (startWithStatusPorts)");
        }
        return port;
    }

    private static void close(AutoCloseable gateway) {
        if (gateway != null) {
            try {
                gateway.close();
            } catch (Exception e) {
                System.err.println("stopping a gateway: " + e);
            }
        }
    }

    /** A deployable the build packaged, named by a failsafe system property. */
    static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalStateException(property + " does not name a packaged jar (" + value
                    + "): run the integration tests through Maven (failsafe), after package");
        }
        return Path.of(value);
    }

    public RealApisix apisix() {
        return apisix;
    }

    public RealKong kong() {
        return kong;
    }

    /** Both gateways, APISIX first. */
    public List<RealGateway> both() {
        return List.of(apisix, kong);
    }

    public EchoUpstream upstream() {
        return upstream;
    }

    /** Adds (or replaces, by name) routes on both gateways and waits until both route them. */
    public void register(Route... added) {
        register(List.of(added), List.of());
    }

    /**
     * Adds routes on both gateways, and routes that only APISIX gets (a configuration Kong's schema refuses would
     * make Kong refuse the whole declarative configuration, every other route with it).
     */
    public synchronized void register(List<Route> onBoth, List<Route> onApisixOnly) {
        onBoth.forEach(route -> routes.put(route.name(), route));
        onApisixOnly.forEach(route -> apisixOnly.put(route.name(), route));
        List<Route> forKong = new ArrayList<>(routes.values());
        List<Route> forApisix = new ArrayList<>(forKong);
        forApisix.addAll(apisixOnly.values());
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> apisix.deploy(forApisix));
        CompletableFuture<Void> k = CompletableFuture.runAsync(() -> kong.deploy(forKong));
        CompletableFuture.allOf(a, k).join();
    }

    /** A GET through a gateway with these headers (name, value, name, value, …); repeated names send repeated headers. */
    public Reply get(RealGateway gateway, String path, String... headers) {
        return send(http, gateway, path, headers);
    }

    /** A request of this method, without a body, through a gateway with these headers (name, value, …). */
    public Reply send(RealGateway gateway, String method, String path, String... headers) {
        return send(http, gateway, method, path, headers);
    }

    /** A GET through a gateway with this client and these headers (name, value, …). */
    static Reply send(HttpClient http, RealGateway gateway, String path, String... headers) {
        return send(http, gateway, "GET", path, headers);
    }

    private static Reply send(HttpClient http, RealGateway gateway, String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> names = new TreeMap<>();
            response.headers().map().forEach((name, values) -> names.put(name.toLowerCase(Locale.ROOT), values));
            return new Reply(gateway.name(), response.statusCode(), names, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(gateway.name() + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends the token (and any extra headers: name, value, …) through the gateway on a path of its own under the
     * route, requires the gateway to let it through (200), and returns what the upstream received.
     */
    public EchoUpstream.Received upstreamOf(RealGateway gateway, Route route, String token, String... extraHeaders) {
        String path = route.prefix() + UUID.randomUUID();
        String[] headers = new String[extraHeaders.length + 2];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + token;
        System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
        Reply reply = get(gateway, path, headers);
        assertThat(reply.status()).as("%s: %s", gateway.name(), reply).isEqualTo(200);
        return upstream.received(path).orElseThrow(() -> new AssertionError(gateway.name() + " answered 200 "
                + "but the upstream received nothing for " + path));
    }

    /** A GET with {@code Authorization: Bearer token} (none when the token is null). */
    public Reply bearer(RealGateway gateway, String path, String token) {
        return token == null ? get(gateway, path) : get(gateway, path, "Authorization", "Bearer " + token);
    }

    @Override
    public void close() throws IOException {
        close(apisix);
        close(kong);
        upstream.close();
        RealGateway.deleteScratch(dir);
    }

    interface Start<T> {
        T run() throws Exception;
    }

    static <T> T unchecked(Start<T> start) {
        try {
            return start.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
