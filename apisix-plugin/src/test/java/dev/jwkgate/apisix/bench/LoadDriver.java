package dev.jwkgate.apisix.bench;

import dev.jwkgate.apisix.peer.ApisixPeer;
import dev.jwkgate.apisix.peer.ApisixPeer.Route;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.apisix.support.Claims;
import dev.jwkgate.apisix.support.ConfJson;
import dev.jwkgate.apisix.support.JwksServer;
import dev.jwkgate.apisix.support.RunnerProcess;
import dev.jwkgate.apisix.support.SigningKey;
import java.nio.charset.StandardCharsets;
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
 * the gateway default) against a pass-through route in the same runner process, measured in alternating
 * rounds so both see the same machine. Prints requests/s, p50, p99 and the runner's CPU time per request
 * for each route; the last is the steadiest figure on a shared machine.
 *
 * <p>Arguments (all optional): {@code connections seconds-per-round rounds distinct-tokens}. The runner jar
 * comes from the system property {@code jwkgate.apisix.runnerJar}, the pass-through filter from this
 * module's test classes, added to the jar with {@code loader.path}.
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
            Route jwkgate = Route.of("1", "jwkgate", ConfJson.issuerWithJwks(ISSUER, jwks.url())
                    .set("audiences", List.of(AUDIENCE)).set("forward_claims", Map.of("sub", "X-User-Id"))
                    .set("first_load_wait_ms", 10_000).json()); // a cold JVM on a busy machine can need it
            Route passThrough = Route.of("2", PassThroughFilter.NAME, "");
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
            System.out.printf("warm-up: %d s per route%n", seconds);
            round(apisix, runner, jwkgate, requests, rewritten, connections, seconds);
            round(apisix, runner, passThrough, requests, passed, connections, seconds);

            Latencies filterTotal = new Latencies();
            Latencies passTotal = new Latencies();
            long filterNanos = 0;
            long passNanos = 0;
            long filterCpuNanos = 0;
            long passCpuNanos = 0;
            for (int r = 0; r < rounds; r++) {
                Result filter = round(apisix, runner, jwkgate, requests, rewritten, connections, seconds);
                Result pass = round(apisix, runner, passThrough, requests, passed, connections, seconds);
                filterTotal.addAll(filter.latencies);
                passTotal.addAll(pass.latencies);
                filterNanos += filter.nanos;
                passNanos += pass.nanos;
                filterCpuNanos += filter.runnerCpuNanos;
                passCpuNanos += pass.runnerCpuNanos;
            }
            double filterRate = filterTotal.count() / (filterNanos / 1e9);
            double passRate = passTotal.count() / (passNanos / 1e9);
            System.out.printf("%nrunner %s, %d connections, %d rounds x %d s per route, %d distinct tokens, %d cores%n",
                    RunnerProcess.packagedJar().getFileName(), connections, rounds, seconds, distinctTokens,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("%-14s %10s %10s %10s %10s %18s%n", "route", "requests", "req/s", "p50 us", "p99 us",
                    "runner CPU us/req");
            print("jwkgate", filterTotal, filterRate, filterCpuNanos);
            print("pass-through", passTotal, passRate, passCpuNanos);
            System.out.printf("jwkgate throughput = %.0f%% of pass-through%n", 100 * filterRate / passRate);
        }
    }

    private static List<String> runnerWithPassThrough(Path dir) throws Exception {
        // an auto-configuration on loader.path registers the pass-through filter in the unchanged jar
        Path extension = dir.resolve("extension");
        Files.createDirectories(extension.resolve("META-INF"));
        Files.writeString(extension.resolve("META-INF/spring.factories"),
                "org.springframework.boot.autoconfigure.EnableAutoConfiguration="
                        + PassThroughFilterConfiguration.class.getName() + "\n", StandardCharsets.UTF_8);
        Path testClasses = Path.of(PassThroughFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return List.of("-Xms256m", "-Xmx256m", "-Dloader.path=" + extension + "," + testClasses,
                "-cp", RunnerProcess.packagedJar().toString(), "org.springframework.boot.loader.PropertiesLauncher");
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

    private static Result round(ApisixPeer apisix, RunnerProcess runner, Route route, List<PeerRequest> requests,
                                Predicate<RunnerAnswer> expected, int connections, int seconds) throws Exception {
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

    private static void print(String route, Latencies latencies, double rate, long runnerCpuNanos) {
        System.out.printf("%-14s %10d %10.0f %10.0f %10.0f %18.1f%n", route, latencies.count(), rate,
                latencies.percentileMicros(0.50), latencies.percentileMicros(0.99),
                runnerCpuNanos / 1_000.0 / latencies.count());
    }
}
