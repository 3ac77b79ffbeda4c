package dev.jwkgate.it.apisix.load;

import dev.jwkgate.apisix.peer.ApisixPeer;
import dev.jwkgate.apisix.peer.ApisixPeer.Route;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.apisix.support.Claims;
import dev.jwkgate.apisix.support.RunnerProcess;
import dev.jwkgate.apisix.support.SigningKey;
import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.it.gateways.bench.filters.LoaderPath;
import dev.jwkgate.it.gateways.bench.filters.PassThroughFilter;
import dev.jwkgate.it.gateways.bench.filters.RewriteOneHeaderFilter;
import dev.jwkgate.source.support.JwksServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Load through the packaged runner over N concurrent APISIX connections: a jwkgate route (token cache on,
 * the gateway default) against two baselines in the same runner process, a pass-through route (the runner
 * answers "continue") and a route whose filter checks nothing but answers like an allowed jwkgate request
 * (a Rewrite setting one header), measured in alternating rounds so all see the same machine. The second
 * baseline splits the gap: pass-through to rewrite-one-header is the runner's price for a Rewrite,
 * rewrite-one-header to jwkgate is jwkgate's own. Prints requests/s, p50, p99 and the runner's CPU time per
 * request for each route; the last is the steadiest figure on a shared machine.
 *
 * <p>Arguments (all optional): {@code connections seconds-per-round rounds distinct-tokens}. System
 * properties: {@code jwkgate.apisix.runnerJar} (required) names the runner jar; the baseline filters
 * ({@link LoaderPath}) are added to the jar with {@code loader.path}; {@code jwkgate.load.routes} picks
 * routes by name (comma-separated, default all, e.g. one route alone for a profile);
 * {@code jwkgate.load.runnerOptions} adds JVM options to the runner (e.g. a profiler's {@code -agentpath}).
 */
public final class LoadDriver {

    private static final String ISSUER = "https://idp.example/";
    private static final String AUDIENCE = "orders-api";

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int distinctTokens = args.length > 3 ? Integer.parseInt(args[3]) : 100;

        SigningKey key = SigningKey.rsa("bench-key");
        Path dir = Files.createTempDirectory("jwkgate-load");
        try (JwksServer jwks = JwksServer.serving(key);
             RunnerProcess runner = RunnerProcess.start(runnerWithPassThrough(dir), dir, 3600, Duration.ofSeconds(120));
             ApisixPeer apisix = new ApisixPeer(runner.socket())) {
            Route jwkgate = Route.of("1", "jwkgate", Policy.of(Map.of("issuer", ISSUER, "jwks_uri", jwks.url()))
                    .set("audiences", List.of(AUDIENCE)).set("forward_claims", Map.of("sub", "X-User-Id"))
                    .set("first_load_wait_ms", 10_000).apisixConf()); // a cold JVM on a busy machine can need it
            Route passThrough = Route.of("2", PassThroughFilter.NAME, "");
            Route rewriteOne = Route.of("3", RewriteOneHeaderFilter.NAME, "");
            List<PeerRequest> requests = new ArrayList<>();
            for (int i = 0; i < distinctTokens; i++) {
                String token = key.sign(Claims.accessToken(ISSUER, AUDIENCE, "user-" + i)
                        .set("exp", java.time.Instant.now().getEpochSecond() + 3600).map());
                requests.add(PeerRequest.get("/orders").bearer(token).header("host", "api.example")
                        .header("user-agent", "load-driver").header("accept", "application/json"));
            }
            checkPassThroughIsLoaded(apisix, passThrough);

            Predicate<RunnerAnswer> rewritten = answer -> answer instanceof RunnerAnswer.Rewrite;
            Predicate<RunnerAnswer> passed = answer -> answer instanceof RunnerAnswer.Pass;
            List<Measured> all = List.of(new Measured("jwkgate", jwkgate, rewritten),
                    new Measured(PassThroughFilter.NAME, passThrough, passed),
                    new Measured(RewriteOneHeaderFilter.NAME, rewriteOne, rewritten));
            List<Measured> measured = selected(all);
            System.out.printf("warm-up: %d s per route%n", seconds);
            for (Measured route : measured) {
                round(apisix, runner, route, requests, connections, seconds);
            }
            for (int r = 0; r < rounds; r++) {
                for (Measured route : measured) {
                    route.add(round(apisix, runner, route, requests, connections, seconds));
                }
            }
            System.out.printf("%nrunner %s, %d connections, %d rounds x %d s per route, %d distinct tokens, %d cores%n",
                    RunnerProcess.packagedJar().getFileName(), connections, rounds, seconds, distinctTokens,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("%-20s %10s %10s %10s %10s %18s%n", "route", "requests", "req/s", "p50 us", "p99 us",
                    "runner CPU us/req");
            for (Measured route : measured) {
                route.print();
            }
            for (int i = 0; i < measured.size(); i++) {
                for (int j = i + 1; j < measured.size(); j++) {
                    Measured a = measured.get(i);
                    Measured b = measured.get(j);
                    System.out.printf("%s throughput = %.0f%% of %s (runner CPU %+.1f us/req)%n", a.name,
                            100 * a.rate() / b.rate(), b.name, a.cpuMicrosPerRequest() - b.cpuMicrosPerRequest());
                }
            }
        }
    }

    /** The routes named in {@code jwkgate.load.routes} (comma-separated), all of them by default. */
    private static List<Measured> selected(List<Measured> all) {
        String names = System.getProperty("jwkgate.load.routes");
        if (names == null || names.isBlank()) {
            return all;
        }
        List<Measured> selected = new ArrayList<>();
        for (String name : names.split(",")) {
            selected.add(all.stream().filter(m -> m.name.equals(name.trim())).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("unknown route " + name + "; known: jwkgate, "
                            + PassThroughFilter.NAME + ", " + RewriteOneHeaderFilter.NAME)));
        }
        return selected;
    }

    /** One route under measurement and the sum of its measured rounds. */
    private static final class Measured {
        final String name;
        final Route route;
        final Predicate<RunnerAnswer> expected;
        final Latencies latencies = new Latencies();
        long nanos;
        long runnerCpuNanos;

        Measured(String name, Route route, Predicate<RunnerAnswer> expected) {
            this.name = name;
            this.route = route;
            this.expected = expected;
        }

        void add(Result result) {
            latencies.addAll(result.latencies);
            nanos += result.nanos;
            runnerCpuNanos += result.runnerCpuNanos;
        }

        double rate() {
            return latencies.count() / (nanos / 1e9);
        }

        double cpuMicrosPerRequest() {
            return runnerCpuNanos / 1_000.0 / latencies.count();
        }

        void print() {
            System.out.printf("%-20s %10d %10.0f %10.0f %10.0f %18.1f%n", name, latencies.count(), rate(),
                    latencies.percentileMicros(0.50), latencies.percentileMicros(0.99), cpuMicrosPerRequest());
        }
    }

    private static List<String> runnerWithPassThrough(Path dir) throws Exception {
        // an auto-configuration on loader.path registers the baseline filters in the unchanged jar
        Path extension = LoaderPath.withBaselineFilters(dir.resolve("extension"));
        List<String> options = new ArrayList<>(List.of("-Xms256m", "-Xmx256m"));
        // e.g. -Djwkgate.load.runnerOptions=-agentpath:/path/libasyncProfiler.so=start,event=cpu,file=...
        String extra = System.getProperty("jwkgate.load.runnerOptions", "");
        for (String option : extra.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        options.addAll(List.of("-Dloader.path=" + extension,
                "-cp", RunnerProcess.packagedJar().toString(), "org.springframework.boot.loader.PropertiesLauncher"));
        return options;
    }

    private static void checkPassThroughIsLoaded(ApisixPeer apisix, Route passThrough) {
        RunnerAnswer answer = apisix.communicate(passThrough,
                PeerRequest.get("/").arg(PassThroughFilter.PROBE_ARG, "1"));
        if (!(answer instanceof RunnerAnswer.Stop) || ((RunnerAnswer.Stop) answer).status() != 204) {
            throw new IllegalStateException("the pass-through filter is not loaded: " + answer);
        }
    }

    /** One measured round: latencies, wall time, and the runner's CPU time (all its threads, GC included). */
    private record Result(Latencies latencies, long nanos, long runnerCpuNanos) {
    }

    private static Result round(ApisixPeer apisix, RunnerProcess runner, Measured measured, List<PeerRequest> requests,
                                int connections, int seconds) throws Exception {
        Route route = measured.route;
        Predicate<RunnerAnswer> expected = measured.expected;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            long cpuBefore = runner.cpuTime().toNanos();
            long start = System.nanoTime();
            long deadline = start + Duration.ofSeconds(seconds).toNanos();
            List<Callable<Latencies>> clients = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int offset = c;
                clients.add(() -> {
                    Latencies latencies = new Latencies();
                    for (int i = offset; System.nanoTime() < deadline; i++) {
                        PeerRequest request = requests.get(i % requests.size());
                        long sent = System.nanoTime();
                        RunnerAnswer answer = apisix.communicate(route, request);
                        latencies.add(System.nanoTime() - sent);
                        if (!expected.test(answer)) {
                            throw new IllegalStateException(route.key() + " answered " + answer);
                        }
                    }
                    return latencies;
                });
            }
            Latencies all = new Latencies();
            for (Future<Latencies> client : pool.invokeAll(clients)) {
                all.addAll(client.get());
            }
            long nanos = System.nanoTime() - start;
            return new Result(all, nanos, runner.cpuTime().toNanos() - cpuBefore);
        } finally {
            pool.shutdownNow();
        }
    }
}
