package dev.jwkgate.it.gateways.bench;

import com.sun.net.httpserver.HttpServer;
import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.it.gateways.EchoUpstream;
import dev.jwkgate.it.gateways.GatewayInstall;
import dev.jwkgate.it.gateways.LoopbackPorts;
import dev.jwkgate.it.gateways.RealApisix;
import dev.jwkgate.it.gateways.RealGateway;
import dev.jwkgate.it.gateways.RealKong;
import dev.jwkgate.it.gateways.Route;
import dev.jwkgate.it.gateways.bench.filters.LoaderPath;
import dev.jwkgate.it.gateways.bench.filters.PassThroughFilter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Requests through the real APISIX and the real Kong, driven by {@code wrk}, each ending inside the gateway (APISIX
 * {@code serverless-post-function} in the access phase, Kong {@code request-termination}) so that routes differ only
 * in what authenticates: nothing; a no-op external plugin (the least any Java plugin costs); jwkgate with its token
 * cache on (one token repeated) and off (a distinct token per request); the gateways' own Lua JWT plugins. Prints
 * requests/s, p50, p99 and CPU per request of the gateway's nginx processes and of its Java process.
 *
 * <p>Arguments: seconds per run (10), connections (8), rounds (2), distinct tokens (5000), gateways ("apisix,kong").
 * System properties {@code jwkgate.apisix.runnerJar} and {@code jwkgate.kong.jar} name the packaged deployables.
 * The gateways run one at a time, with one nginx worker each; {@code benchmarks/real-gateways.sh} runs this.
 */
public final class RealGatewayBenchmark {

    private static final String OK = "bench-ok";
    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.PropertiesLauncher";

    /** One route measured: its name, and whether it gets a distinct token per request (else one token repeated). */
    private record Scenario(String name, Route route, boolean distinctTokens) {
    }

    /** One measured run. */
    private record Run(Wrk.Result wrk, ProcessCpu cpu) {
        double gatewayMicros() {
            return ProcessCpu.microsPerRequest(cpu.gatewayTicks(), wrk.requests());
        }

        double javaMicros() {
            return ProcessCpu.microsPerRequest(cpu.javaTicks(), wrk.requests());
        }
    }

    private final GatewayInstall install;
    private final Path dir;
    private final int seconds;
    private final int connections;
    private final int rounds;
    private final BenchTokens tokens;
    private final Path oneToken;
    private final Path manyTokens;
    private final EchoUpstream upstream;
    private final HttpServer discovery;

    private RealGatewayBenchmark(GatewayInstall install, Path dir, int seconds, int connections, int rounds, int distinct)
            throws Exception {
        this.install = install;
        this.dir = dir;
        this.seconds = seconds;
        this.connections = connections;
        this.rounds = rounds;
        this.tokens = new BenchTokens();
        this.oneToken = tokens.write(dir.resolve("one-token.txt"), 1);
        this.manyTokens = tokens.write(dir.resolve("tokens.txt"), distinct);
        this.upstream = EchoUpstream.start(LoopbackPorts.next());
        this.discovery = discoveryServer(LoopbackPorts.next());
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int distinct = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        List<String> which = List.of((args.length > 4 ? args[4] : "apisix,kong").split(","));
        GatewayInstall install = GatewayInstall.require();
        Path dir = RealGateway.scratchDirectory("jwkgate-bench-");
        System.out.printf("real-gateway benchmark: wrk 1 thread, %d connections, %d rounds x %d s per route, %d distinct "
                + "tokens, 1 nginx worker per gateway, gateways run one at a time, %d cores, load before: %s%n",
                connections, rounds, seconds, distinct, Runtime.getRuntime().availableProcessors(), load());
        RealGatewayBenchmark bench = new RealGatewayBenchmark(install, dir, seconds, connections, rounds, distinct);
        try {
            if (which.contains("apisix")) {
                bench.apisix();
            }
            if (which.contains("kong")) {
                bench.kong();
            }
        } finally {
            bench.upstream.close();
            bench.discovery.stop(0);
            RealGateway.deleteScratch(dir);
        }
        System.out.println("load after: " + load());
    }

    // ---- APISIX ----

    private void apisix() throws Exception {
        Path home = openDirectory(dir.resolve("apisix"));
        Path loader = passThroughOnLoaderPath(openDirectory(home.resolve("loader")));
        try (RealApisix apisix = RealApisix.start(install, home, LoopbackPorts.next(), upstream.port(),
                jar("jwkgate.apisix.runnerJar"), List.of("jwt-auth", "openid-connect", "serverless-post-function"),
                List.of("-Dloader.path=" + loader), PROPERTIES_LAUNCHER)) {
            apisix.setTopLevel("consumers", List.of(Map.of("username", "bench", "plugins", Map.of("jwt-auth", Map.of(
                    "key", BenchTokens.CONSUMER_KEY, "algorithm", "RS256", "public_key", tokens.pem())))));
            Map<String, Object> end = Map.of("phase", "access", "functions", List.of(
                    "return function(conf, ctx) require('apisix.core').response.exit(200, '" + OK + "') end"));
            List<Scenario> scenarios = List.of(
                    new Scenario("no auth", Route.open("none").withApisixPlugin("serverless-post-function", end), false),
                    new Scenario("no-op external plugin", new Route("noop", null, Map.of("ext-plugin-pre-req", Map.of(
                            "allow_degradation", false, "conf", List.of(Map.of("name", PassThroughFilter.NAME, "value", "")))),
                            List.of()).withApisixPlugin("serverless-post-function", end), false),
                    new Scenario("jwkgate, cache on", Route.jwkgate("jwkgate-cached", jwkgate())
                            .withApisixPlugin("serverless-post-function", end), false),
                    new Scenario("jwkgate, cache on, sub forwarded, token stripped", Route.jwkgate("jwkgate-forward",
                            jwkgate().set("forward_claims", Map.of("sub", "X-User-Id")).set("strip_token", true))
                            .withApisixPlugin("serverless-post-function", end), false),
                    new Scenario("jwkgate, cache off, distinct tokens", Route.jwkgate("jwkgate-uncached",
                            jwkgate().set("token_cache_enabled", false)).withApisixPlugin("serverless-post-function", end), true),
                    new Scenario("Lua jwt-auth, distinct tokens", Route.open("jwt-auth").withApisixPlugin("jwt-auth", Map.of())
                            .withApisixPlugin("serverless-post-function", end), true),
                    new Scenario("Lua jwt-auth, one token repeated", Route.open("jwt-auth-one")
                            .withApisixPlugin("jwt-auth", Map.of()).withApisixPlugin("serverless-post-function", end), false),
                    new Scenario("Lua openid-connect (bearer_only, use_jwks), distinct tokens", Route.open("oidc")
                            .withApisixPlugin("openid-connect", Map.of("client_id", BenchTokens.AUDIENCE, "client_secret",
                                    "bench-secret", "discovery", discoveryUrl(), "bearer_only", true, "use_jwks", true))
                            .withApisixPlugin("serverless-post-function", end), true));
            measure(apisix, scenarios);
        }
    }

    /** The pass-through filter on the runner's {@code loader.path}, as an extra filter is added to the unchanged jar. */
    private static Path passThroughOnLoaderPath(Path loader) throws IOException {
        openTree(LoaderPath.withBaselineFilters(loader));
        return loader;
    }

    // ---- Kong ----

    private void kong() throws Exception {
        Path home = openDirectory(dir.resolve("kong"));
        Path classes = openDirectory(home.resolve("noop-classes"));
        LoaderPath.copyClass(NoopPluginServer.class, classes);
        LoaderPath.copyClass(Class.forName(NoopPluginServer.class.getName() + "$1"), classes);
        openTree(classes);
        Path serverJar = jar("jwkgate.kong.jar");
        // the no-op server runs on the jwkgate jar's PDK, next to the one class above
        Path pdk = home.resolve("pdk.jar");
        Files.copy(serverJar, pdk);
        try (RealKong kong = RealKong.start(install, home.resolve("prefix"), LoopbackPorts.next(), LoopbackPorts.next(),
                upstream.port(), serverJar, List.of("jwt", "request-termination"), List.of(), null,
                List.of(new RealKong.PluginServer("noop", classes + ":" + pdk, NoopPluginServer.class.getName())))) {
            kong.setTopLevel("consumers", List.of(Map.of("username", "bench", "jwt_secrets", List.of(Map.of(
                    "key", BenchTokens.ISSUER, "algorithm", "RS256", "rsa_public_key", tokens.pem())))));
            Map<String, Object> end = Map.of("status_code", 200, "message", OK);
            List<Scenario> scenarios = List.of(
                    new Scenario("no auth", Route.open("none").withKongPlugin("request-termination", end), false),
                    new Scenario("no-op external plugin", Route.open("noop").withKongPlugin("noop", Map.of())
                            .withKongPlugin("request-termination", end), false),
                    new Scenario("no-op external plugin reading Authorization", Route.open("noop-read")
                            .withKongPlugin("noop", Map.of(NoopPluginServer.READ_AUTHORIZATION, true))
                            .withKongPlugin("request-termination", end), false),
                    new Scenario("jwkgate, cache on", Route.jwkgate("jwkgate-cached", jwkgate())
                            .withKongPlugin("request-termination", end), false),
                    new Scenario("jwkgate, cache on, sub forwarded, token stripped", Route.jwkgate("jwkgate-forward",
                            jwkgate().set("forward_claims", Map.of("sub", "X-User-Id")).set("strip_token", true))
                            .withKongPlugin("request-termination", end), false),
                    new Scenario("jwkgate, cache off, distinct tokens", Route.jwkgate("jwkgate-uncached",
                            jwkgate().set("token_cache_enabled", false)).withKongPlugin("request-termination", end), true),
                    new Scenario("Lua jwt, distinct tokens", Route.open("jwt").withKongPlugin("jwt", Map.of(
                            "key_claim_name", "iss", "claims_to_verify", List.of("exp")))
                            .withKongPlugin("request-termination", end), true),
                    new Scenario("Lua jwt, one token repeated", Route.open("jwt-one").withKongPlugin("jwt", Map.of(
                            "key_claim_name", "iss", "claims_to_verify", List.of("exp")))
                            .withKongPlugin("request-termination", end), false));
            measure(kong, scenarios);
        }
    }

    // ---- measuring ----

    private Policy jwkgate() {
        return Policy.of(Map.of("issuer", BenchTokens.ISSUER, "audiences", List.of(BenchTokens.AUDIENCE), "jwks", tokens.jwks()));
    }

    private void measure(RealGateway gateway, List<Scenario> all) throws Exception {
        // -Djwkgate.bench.only=jwt: only the routes whose name contains it (e.g. to profile one)
        String only = System.getProperty("jwkgate.bench.only", "");
        List<Scenario> scenarios = all.stream().filter(s -> s.name().contains(only)).toList();
        gateway.deploy(scenarios.stream().map(Scenario::route).toList());
        for (Scenario scenario : scenarios) {
            check(gateway, scenario);
            Wrk.run(url(gateway, scenario), tokensOf(scenario), connections, 3, dir); // warm-up
        }
        Map<Scenario, List<Run>> runs = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Scenario scenario : scenarios) {
                ProcessCpu before = ProcessCpu.of(gateway.master());
                Wrk.Result result = Wrk.run(url(gateway, scenario), tokensOf(scenario), connections, seconds, dir);
                ProcessCpu used = ProcessCpu.of(gateway.master()).minus(before);
                if (result.notOk() > 0) {
                    throw new IllegalStateException(gateway.name() + " " + scenario.name() + ": " + result.notOk()
                            + " answers were not 200:\n" + result.output());
                }
                runs.computeIfAbsent(scenario, s -> new ArrayList<>()).add(new Run(result, used));
            }
        }
        report(gateway, runs);
        if (Boolean.getBoolean("jwkgate.bench.syscalls")) {
            countSyscalls(gateway, scenarios.stream().filter(s -> s.name().startsWith("no ")
                    || s.name().startsWith("no-op") || s.name().equals("jwkgate, cache on")).toList());
        }
    }

    /**
     * System calls per request of the nginx workers and of the Java process, for no auth, the no-op plugins and jwkgate
     * with its cache on: where the no-op plugin's time goes. A separate run with strace attached; its rates mean nothing.
     */
    private void countSyscalls(RealGateway gateway, List<Scenario> scenarios) throws Exception {
        System.out.printf("%n%s: system calls per request (strace -c, separate %d s runs)%n", gateway.name(), seconds);
        for (Scenario scenario : scenarios) {
            List<ProcessHandle> workers = gateway.master().children()
                    .filter(p -> p.info().command().map(c -> !c.endsWith("/java")).orElse(true)).toList();
            // every Java process the gateway runs (Kong: the jwkgate server and the no-op one)
            List<ProcessHandle> java = gateway.master().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).toList();
            Syscalls nginx = Syscalls.attach(workers, dir.resolve("strace-nginx.txt"));
            Syscalls jvm = java.isEmpty() ? null : Syscalls.attach(java, dir.resolve("strace-java.txt"));
            Wrk.Result result = Wrk.run(url(gateway, scenario), tokensOf(scenario), connections, seconds, dir);
            List<Syscalls.Count> nginxCounts = nginx.detach();
            List<Syscalls.Count> javaCounts = jvm == null ? List.of() : jvm.detach();
            System.out.printf("  %-50s nginx %5.1f/req %s | Java %5.1f/req %s%n", scenario.name(),
                    perRequest(nginxCounts, result), top(nginxCounts, result), perRequest(javaCounts, result),
                    top(javaCounts, result));
        }
    }

    private static double perRequest(List<Syscalls.Count> counts, Wrk.Result result) {
        return counts.stream().mapToLong(Syscalls.Count::calls).sum() / (double) result.requests();
    }

    private static String top(List<Syscalls.Count> counts, Wrk.Result result) {
        return counts.stream().limit(6).map(c -> String.format("%s %.2f", c.name(), c.calls() / (double) result.requests()))
                .toList().toString();
    }

    private void report(RealGateway gateway, Map<Scenario, List<Run>> runs) {
        System.out.printf("%n%s (%d rounds x %d s; per route the round with the median rate)%n", gateway.name(), rounds, seconds);
        System.out.printf("%-58s %9s %8s %8s %14s %12s %10s%n", "route", "req/s", "p50 us", "p99 us", "nginx CPU us", "Java CPU us",
                "total us");
        Map<String, Run> median = new LinkedHashMap<>();
        runs.forEach((scenario, list) -> {
            List<Run> sorted = list.stream().sorted(Comparator.comparingDouble(r -> r.wrk().rate())).toList();
            Run run = sorted.get(sorted.size() / 2);
            median.put(scenario.name(), run);
            System.out.printf("%-58s %9.0f %8.0f %8.0f %14.1f %12.1f %10.1f   rates %s%n", scenario.name(), run.wrk().rate(),
                    run.wrk().p50Micros(), run.wrk().p99Micros(), run.gatewayMicros(), run.javaMicros(),
                    run.gatewayMicros() + run.javaMicros(), list.stream().map(r -> String.format("%.0f", r.wrk().rate())).toList());
        });
        String lua = median.keySet().stream().filter(n -> n.startsWith("Lua jwt")).findFirst().orElse("Lua jwt");
        for (String[] pair : new String[][] {{"jwkgate, cache on", "no-op external plugin"},
                {"jwkgate, cache on", "no-op external plugin reading Authorization"}, {"no-op external plugin", "no auth"},
                {"jwkgate, cache on", "no auth"}, {"jwkgate, cache off, distinct tokens", lua}, {"jwkgate, cache on", lua}}) {
            Run a = median.get(pair[0]);
            Run b = median.get(pair[1]);
            if (a != null && b != null) {
                System.out.printf("  %s = %.2f x %s by rate, %.2f x by CPU per request%n", pair[0], a.wrk().rate() / b.wrk().rate(),
                        pair[1], (b.gatewayMicros() + b.javaMicros()) / (a.gatewayMicros() + a.javaMicros()));
            }
        }
    }

    /** One request per route before measuring: the route must end inside the gateway with 200. */
    private void check(RealGateway gateway, Scenario scenario) throws Exception {
        String token = Files.readAllLines(oneToken).get(0);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(gateway, scenario)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains(OK)) {
            throw new IllegalStateException(gateway.name() + " " + scenario.name() + ": " + answer.statusCode() + " "
                    + answer.body() + "\n" + tail(gateway.errorLogText()));
        }
    }

    private static String url(RealGateway gateway, Scenario scenario) {
        return gateway.uri(scenario.route().prefix() + "bench").toString();
    }

    private Path tokensOf(Scenario scenario) {
        return scenario.distinctTokens() ? manyTokens : oneToken;
    }

    // ---- helpers ----

    private String discoveryUrl() {
        return "http://127.0.0.1:" + discovery.getAddress().getPort() + "/.well-known/openid-configuration";
    }

    /** OpenID discovery and the JWKS, for openid-connect's {@code use_jwks}. */
    private HttpServer discoveryServer(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        String base = "http://127.0.0.1:" + port;
        serve(server, "/.well-known/openid-configuration", "{\"issuer\":\"" + BenchTokens.ISSUER + "\",\"jwks_uri\":\""
                + base + "/jwks\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        serve(server, "/jwks", tokens.jwks());
        server.start();
        return server;
    }

    private static void serve(HttpServer server, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private static Path jar(String property) {
        return Path.of(System.getProperty(property, ""));
    }

    private static Path openDirectory(Path path) throws IOException {
        Files.createDirectories(path);
        Files.setAttribute(path, "unix:mode", 0755);
        return path;
    }

    /** nginx's workers (and what they spawn) run as nobody: every directory of the tree must be searchable. */
    private static void openTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                Files.setAttribute(p, "unix:mode", Files.isDirectory(p) ? 0755 : 0644);
            }
        }
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 3000));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
