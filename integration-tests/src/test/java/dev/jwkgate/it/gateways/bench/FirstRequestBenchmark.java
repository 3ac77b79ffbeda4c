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
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * Gateway start to the first valid 200, with and without the plugin JVM's class-data-sharing archive
 * ({@code jwkgate-cds}), in the real APISIX and the real Kong. Each gateway starts with one jwkgate route in place
 * whose keys come from a loopback JWKS URL ({@code jwks_uri}); from the moment the start command runs, one request
 * with a valid token is sent every 20 ms until one is answered 200. Printed per run: start to first 200, the plugin
 * JVM's own start (its process start to listening: APISIX's runner logs it, Kong's server creates its socket), and the
 * latency of that first 200 request (the first request a fresh plugin server serves: Kong StartInstance / APISIX
 * PrepareConf, building the policy, loading the key set, verifying) against the median of the 20 requests after it,
 * and when the loopback JWKS server was hit relative to that first request's sending (what passed before the key-set
 * fetch and after it).
 *
 * <p>Runs alternate: without an archive ({@code --cds-dir off}), then with one made beforehand by a warm-up start of
 * the same command line. Arguments: rounds (5), gateways ("apisix,kong"). System properties: {@code
 * jwkgate.apisix.runnerJar}, {@code jwkgate.kong.jar} (the packaged deployables), {@code jwkgate.cds.wrapper} (the
 * wrapper, {@code dist/jwkgate-cds}), {@code jwkgate.gateways.ports} (the port range). {@code benchmarks/first-request.sh}
 * runs this.
 */
public final class FirstRequestBenchmark {

    private static final Duration POLL = Duration.ofMillis(20);

    /** One gateway start: milliseconds from the start command to the first 200, and so on (-1: not seen). */
    private record Run(String variant, long toFirst200, long jvmToListening, long firstRequest, double laterMedian, long jvmCpu,
                       boolean mapped) {
    }

    private final GatewayInstall install;
    private final Path dir;
    private final BenchTokens tokens;
    private final String token;
    private final EchoUpstream upstream;
    private final HttpServer jwks;
    private final Queue<Instant> jwksHits = new ConcurrentLinkedQueue<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private FirstRequestBenchmark(GatewayInstall install, Path dir) throws Exception {
        this.install = install;
        this.dir = dir;
        this.tokens = new BenchTokens();
        this.token = Files.readAllLines(tokens.write(dir.resolve("token.txt"), 1)).get(0);
        this.upstream = EchoUpstream.start(LoopbackPorts.next());
        this.jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), LoopbackPorts.next()), 16);
        byte[] body = tokens.jwks().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            jwksHits.add(Instant.now());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> which = List.of((args.length > 1 ? args[1] : "apisix,kong").split(","));
        GatewayInstall install = GatewayInstall.require();
        Path dir = open(Files.createTempDirectory(Path.of("/tmp"), "jwkgate-first-"));
        System.out.printf("first-request benchmark: %d rounds per gateway and variant, alternating, ports %d-%d, %d cores, "
                + "java %s, load before: %s%n", rounds, LoopbackPorts.FIRST, LoopbackPorts.LAST,
                Runtime.getRuntime().availableProcessors(), install.java(), load());
        FirstRequestBenchmark bench = new FirstRequestBenchmark(install, dir);
        try {
            for (String gateway : which) {
                bench.measure(gateway, rounds);
            }
        } finally {
            bench.upstream.close();
            bench.jwks.stop(0);
            delete(dir);
        }
        System.out.println("load after: " + load());
    }

    private void measure(String gateway, int rounds) throws Exception {
        Path home = open(dir.resolve(gateway));
        // where the archive lives: owned by the user the plugin JVM runs as (Kong's workers run as nobody under root)
        Path cds = home.resolve("cds");
        Files.createDirectory(cds);
        Files.setAttribute(cds, "unix:mode", 0700);
        if (gateway.equals("kong") && "root".equals(System.getProperty("user.name"))) {
            UserPrincipal nobody = cds.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(cds, nobody);
        }
        Path withCds = javaThroughWrapper(home.resolve("java-cds"), cds.toString());
        Path withoutCds = javaThroughWrapper(home.resolve("java-off"), "off");
        System.out.printf("%n%s: warm-up start, waiting for the archive in %s%n", gateway, cds);
        // the training start gives up when its server goes: the warm-up gateway runs until the archive is there
        Run warmUp = start(gateway, home, withCds, "warm-up", cds);
        System.out.println("  " + describe(warmUp));
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (boolean cdsOn : round % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                Run run = start(gateway, home, cdsOn ? withCds : withoutCds, cdsOn ? "archive" : "no archive", null);
                runs.add(run);
                System.out.printf("  round %d: %s (load %s)%n", round, describe(run), load());
            }
        }
        report(gateway, runs);
    }

    /**
     * A {@code java} the gateway runs (its path goes into {@code ext-plugin.cmd} / {@code pluginserver_*_start_cmd}) that
     * starts the real one through {@code jwkgate-cds --cds-dir <cds>}; Kong's query command ({@code -dump}) directly,
     * as the Kong launcher does. The training start of the warm-up runs at once.
     */
    private Path javaThroughWrapper(Path file, String cds) throws IOException {
        // a copy the gateway's workers (nobody) can read wherever the build tree is
        Path wrapper = file.resolveSibling("jwkgate-cds");
        Files.copy(Path.of(System.getProperty("jwkgate.cds.wrapper")), wrapper, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setAttribute(wrapper, "unix:mode", 0644);
        Files.writeString(file, "#!/bin/sh\n"
                + "for a in \"$@\"; do [ \"$a\" = -dump ] && exec " + install.java() + " \"$@\"; done\n"
                + "JWKGATE_CDS_DELAY=0 exec /bin/sh " + wrapper + " --cds-dir " + cds + " " + install.java() + " \"$@\"\n");
        Files.setAttribute(file, "unix:mode", 0755);
        return file;
    }

    /** One start of the gateway, measured; with {@code awaitArchiveIn}, it runs until an archive is there. */
    private Run start(String gateway, Path home, Path java, String variant, Path awaitArchiveIn) throws Exception {
        Path instance = home.resolve("instance");
        if (Files.exists(instance)) {
            delete(instance);
        }
        Route route = Route.jwkgate("first", Policy.of(Map.of("issuer", BenchTokens.ISSUER, "audiences",
                List.of(BenchTokens.AUDIENCE), "jwks_uri", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks")));
        GatewayInstall through = new GatewayInstall(install.apisixHome(), install.apisixBin(), install.kongBin(), java);
        int port = LoopbackPorts.next();
        Instant begin = Instant.now();
        CompletableFuture<RealGateway> started = CompletableFuture.supplyAsync(() -> {
            try {
                return gateway.equals("apisix")
                        ? RealApisix.start(through, instance, port, upstream.port(), jar("jwkgate.apisix.runnerJar"), List.of(),
                                List.of(), null, List.of(route))
                        : RealKong.start(through, instance, port, LoopbackPorts.next(), upstream.port(), jar("jwkgate.kong.jar"),
                                List.of(), List.of(), RealKong.declarativeYaml(upstream.port(), List.of(route)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        URI uri = URI.create("http://127.0.0.1:" + port + route.prefix() + "first");
        long firstRequest = -1;
        Instant first200 = null;
        Instant deadline = begin.plusSeconds(180);
        jwksHits.clear();
        while (first200 == null && Instant.now().isBefore(deadline)) {
            Instant sent = Instant.now();
            int status = status(uri);
            if (status == 200) {
                first200 = Instant.now();
                firstRequest = Duration.between(sent, first200).toMillis();
                Instant sentAt = sent;
                System.out.printf("  %s first 200 request: JWKS hits at %s ms after it was sent, 200 at %d ms%n", gateway,
                        jwksHits.stream().map(h -> Long.toString(Duration.between(sentAt, h).toMillis())).toList(), firstRequest);
            } else {
                Thread.sleep(POLL.toMillis());
            }
        }
        RealGateway gw = started.join();
        try {
            if (first200 == null) {
                throw new IllegalStateException(gateway + " gave no 200 within 180 s");
            }
            List<Long> later = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                if (status(uri) != 200) {
                    throw new IllegalStateException(gateway + ": a later request was refused");
                }
                later.add((System.nanoTime() - t) / 1000);
            }
            later.sort(null);
            ProcessHandle jvm = gw.javaProcess().orElseThrow();
            boolean mapped = mapsOwnArchive(jvm);
            long jvmToListening = jvmToListening(gw, jvm);
            // CPU, the steadier figure on a shared machine: the plugin JVM's, from its start to here (first 200 + 20)
            long jvmCpu = jvm.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            if (awaitArchiveIn != null) {
                awaitArchive(awaitArchiveIn);
            }
            return new Run(variant, Duration.between(begin, first200).toMillis(), jvmToListening, firstRequest,
                    later.get(later.size() / 2) / 1000.0, jvmCpu, mapped);
        } finally {
            gw.close();
        }
    }

    /** From the plugin JVM's process start to listening: the runner's log line (ms stamps), Kong's socket file time. */
    private static long jvmToListening(RealGateway gateway, ProcessHandle jvm) throws IOException {
        Instant jvmStart = jvm.info().startInstant().orElseThrow();
        Instant listening;
        if (gateway instanceof RealKong kong) {
            listening = Files.getLastModifiedTime(kong.socket()).toInstant();
        } else {
            String line = gateway.errorLogText().lines().filter(l -> l.contains("java runner is listening")).findFirst().orElseThrow();
            // "... 2026-12-06 08:08:07.899  WARN ..." as the runner prints it, local time
            java.util.regex.Matcher stamp = java.util.regex.Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3})")
                    .matcher(line);
            if (!stamp.find()) {
                return -1;
            }
            listening = java.time.LocalDateTime.parse(stamp.group(1).replace(' ', 'T'))
                    .atZone(java.time.ZoneId.systemDefault()).toInstant();
        }
        return Duration.between(jvmStart, listening).toMillis();
    }

    private static boolean mapsOwnArchive(ProcessHandle jvm) throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc", String.valueOf(jvm.pid()), "maps"))) {
            return maps.anyMatch(line -> line.endsWith(".jsa") && line.contains("/cds/"));
        }
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void awaitArchive(Path cds) throws Exception {
        Instant deadline = Instant.now().plusSeconds(300);
        while (Instant.now().isBefore(deadline)) {
            try (Stream<Path> files = Files.list(cds)) {
                if (files.anyMatch(p -> p.toString().endsWith(".jsa.size"))) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no archive in " + cds + " after 300 s");
    }

    private static String describe(Run run) {
        return String.format("%-11s start -> first 200 %6d ms | JVM start -> listening %6d ms | first 200 request %5d ms, "
                + "later median %6.1f ms | JVM CPU %6d ms | archive mapped: %s", run.variant(), run.toFirst200(),
                run.jvmToListening(), run.firstRequest(), run.laterMedian(), run.jvmCpu(), run.mapped());
    }

    private static void report(String gateway, List<Run> runs) {
        System.out.printf("%n%s: median (min-max) over %d runs each%n", gateway, runs.size() / 2);
        Map<String, List<Run>> byVariant = new LinkedHashMap<>();
        runs.forEach(r -> byVariant.computeIfAbsent(r.variant(), v -> new ArrayList<>()).add(r));
        System.out.printf("  %-11s %-24s %-24s %-22s %-16s %-20s%n", "variant", "start -> first 200 ms", "JVM start -> listening ms",
                "first 200 request ms", "later median ms", "JVM CPU ms");
        Map<String, Double> medians = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        byVariant.forEach((variant, list) -> {
            medians.put(variant, median(list.stream().map(r -> (double) r.toFirst200()).toList()));
            cpu.put(variant, median(list.stream().map(r -> (double) r.jvmCpu()).toList()));
            System.out.printf("  %-11s %-24s %-24s %-22s %-16s %-20s%n", variant,
                    spread(list.stream().map(r -> (double) r.toFirst200()).toList()),
                    spread(list.stream().map(r -> (double) r.jvmToListening()).toList()),
                    spread(list.stream().map(r -> (double) r.firstRequest()).toList()),
                    spread(list.stream().map(Run::laterMedian).toList()),
                    spread(list.stream().map(r -> (double) r.jvmCpu()).toList()));
        });
        if (medians.size() == 2) {
            System.out.printf("  archive / no archive (medians): start -> first 200 %.2f, JVM CPU %.2f%n",
                    medians.get("archive") / medians.get("no archive"), cpu.get("archive") / cpu.get("no archive"));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String spread(List<Double> values) {
        return String.format("%.0f (%.0f-%.0f)", median(values), values.stream().min(Comparator.naturalOrder()).orElseThrow(),
                values.stream().max(Comparator.naturalOrder()).orElseThrow());
    }

    private static Path jar(String property) {
        return Path.of(System.getProperty(property, ""));
    }

    private static Path open(Path path) throws IOException {
        Files.createDirectories(path);
        Files.setAttribute(path, "unix:mode", 0755);
        return path;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
