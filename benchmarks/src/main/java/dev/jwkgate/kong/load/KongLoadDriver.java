package dev.jwkgate.kong.load;

import com.sun.net.httpserver.HttpServer;
import dev.jwkgate.kong.it.PluginServerProcess;
import dev.jwkgate.kong.jwt.JwtPluginDefinition;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.PluginDefinition;
import dev.jwkgate.kong.pdk.server.PluginServer;
import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.KongPeer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures one access event through a plugin server, as Kong sends it (HandleEvent, the PDK callbacks,
 * the RpcReturn on a keepalive connection), each thread playing one nginx worker with its own
 * {@link KongPeer}. {@link #measure} is the reusable part (the benchmarks module's {@code KongRoundTrips}
 * calls it for its baselines); {@link #main} compares the JWT plugin (token cache on, the gateway
 * default) with a plugin that does nothing, in one run.
 *
 * <p>Usage: {@code KongLoadDriver [threads] [events-per-thread] [warmup-events-per-thread]}; with the system
 * properties {@code jwkgate.kong.launcher} and {@code jwkgate.kong.jar} (and optionally {@code jwkgate.kong.javaOpts})
 * the JWT plugin runs in the packaged plugin server instead of in this JVM.
 */
public final class KongLoadDriver {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String SERVER_THREAD_PREFIX = "kong-conn-";

    /** A plugin whose access phase does nothing: the cost of the plugin server and the protocol alone. */
    private static final PluginDefinition NOOP = PluginDefinition.builder("noop").version("1.0.0").priority(1)
            .phases(Phase.ACCESS).instances(config -> new KongPlugin() { }).build();

    private KongLoadDriver() {
    }

    /**
     * One measured load.
     *
     * @param roundTrips            round trips on the socket per event, counted on a measured one: the event
     *                              itself plus one per PDK call
     * @param serverCpuMicrosPerEvent CPU time of the plugin server's connection threads per event, when the
     *                              server runs in this JVM (NaN otherwise): unlike throughput, barely moved by
     *                              other processes competing for the cores
     */
    public record Result(double eventsPerSecond, long[] latenciesNanos, int roundTrips, double serverCpuMicrosPerEvent) {

        /** The same figures without server CPU: for a server in another process, whose threads this JVM cannot see. */
        public Result withoutServerCpu() {
            return new Result(eventsPerSecond, latenciesNanos, roundTrips, Double.NaN);
        }

        /** The p-th quantile (0 &lt; p &le; 1) of the latencies, in microseconds. */
        public double micros(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))] / 1e3;
        }
    }

    /**
     * Starts one instance per thread with {@code configJson}, runs {@code warmup} then {@code events} access
     * events per thread for a request with {@code headers}, and fails unless every event let the request through.
     */
    public static Result measure(Path socket, String pluginName, String configJson, Map<String, Object> headers,
                                 int threads, int events, int warmup) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<KongPeer> peers = new ArrayList<>();
        try {
            List<Integer> ids = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                KongPeer peer = new KongPeer(socket);
                peers.add(peer);
                ids.add(peer.startInstance(pluginName, configJson));
            }
            runAll(pool, peers, ids, headers, warmup);
            Map<Long, Long> cpuBefore = serverThreadCpu();
            long start = System.nanoTime();
            Part all = runAll(pool, peers, ids, headers, events);
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpuNanos = cpuSince(cpuBefore);
            int count = all.latencies().length;
            return new Result(count / seconds, all.latencies(), 1 + all.pdkCalls(),
                    cpuNanos < 0 ? Double.NaN : cpuNanos / 1e3 / count);
        } finally {
            for (KongPeer peer : peers) {
                peer.close();
            }
            pool.shutdownNow();
        }
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        HttpServer idp = jwksServer(key);
        Path dir = Files.createTempDirectory("kload");
        String jwksUri = "http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks";
        String jwtConfig = "{\"issuer\":\"https://idp.example\",\"jwks_uri\":\"" + jwksUri + "\","
                + "\"audience_required\":[\"api\"],\"forward_claims\":{\"sub\":\"X-User-Id\"},\"__seq__\":1}";
        String token = sign(key, "{\"iss\":\"https://idp.example\",\"sub\":\"alice\",\"aud\":\"api\",\"exp\":"
                + (Instant.now().getEpochSecond() + 3600) + "}");

        // with jwkgate.kong.jar set, the JWT plugin runs in the packaged server, a process of its own as under
        // Kong, so its memory can be measured apart from this driver (its CPU column is then NaN)
        boolean packaged = PluginServerProcess.jar() != null;
        Path jwtSocket = dir.resolve("jwt.sock");
        try (PluginServer noop = PluginServer.start(NOOP, dir.resolve("noop.sock"));
             AutoCloseable jwt = packaged
                     ? PluginServerProcess.start(Path.of(PluginServerProcess.launcher()), Path.of(PluginServerProcess.jar()),
                             jwtSocket, dir.resolve("jwt-server.log"), System.getProperty("jwkgate.kong.javaOpts", ""))
                     : PluginServer.start(new JwtPluginDefinition(), jwtSocket)) {
            System.out.printf(Locale.ROOT, "one access event through the plugin server: %d threads x %d events (after %d warm-up), %d cores%s%n",
                    threads, events, warmup, Runtime.getRuntime().availableProcessors(),
                    packaged ? ", JWT plugin in the packaged server process" : "");
            System.out.printf(Locale.ROOT, "%-22s %12s %10s %10s %10s %14s%n", "plugin", "events/s", "p50 us", "p99 us", "max us",
                    "server CPU us");
            Map<String, Object> headers = Map.of("authorization", "Bearer " + token, "x-user-id", "mallory",
                    "user-agent", "load", "accept", "*/*", "host", "api.example");
            // alternate the two so both see the same machine conditions
            for (int round = 1; round <= 2; round++) {
                report("no-op (round " + round + ")",
                        measure(noop.socketPath(), "noop", "{\"__seq__\":1}", headers, threads, events, warmup));
                report("jwkgate (round " + round + ")",
                        packaged ? measure(jwtSocket, "jwkgate", jwtConfig, headers, threads, events, warmup).withoutServerCpu()
                                : measure(jwtSocket, "jwkgate", jwtConfig, headers, threads, events, warmup));
            }
        } finally {
            idp.stop(0);
        }
    }

    /** CPU nanoseconds so far of each in-JVM plugin-server connection thread ({@code PluginServer}'s "kong-conn-"). */
    private static Map<Long, Long> serverThreadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(SERVER_THREAD_PREFIX)) {
                cpu.put(info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return cpu;
    }

    /** CPU the connection threads used since {@code before}; -1 when there are none in this JVM. */
    private static long cpuSince(Map<Long, Long> before) {
        Map<Long, Long> now = serverThreadCpu();
        if (now.isEmpty()) {
            return -1;
        }
        long total = 0;
        for (Map.Entry<Long, Long> thread : now.entrySet()) {
            total += Math.max(0, thread.getValue() - before.getOrDefault(thread.getKey(), 0L));
        }
        return total;
    }

    /** The latencies of some events, and the PDK calls the last of them made. */
    private record Part(long[] latencies, int pdkCalls) {
    }

    private static Part runAll(ExecutorService pool, List<KongPeer> peers, List<Integer> ids,
                               Map<String, Object> headers, int events) throws Exception {
        List<Future<Part>> running = new ArrayList<>();
        for (int t = 0; t < peers.size(); t++) {
            int i = t;
            running.add(pool.submit(() -> drive(peers.get(i), ids.get(i), headers, events)));
        }
        long[] all = new long[peers.size() * events];
        int offset = 0;
        int pdkCalls = 0;
        for (Future<Part> f : running) {
            Part part = f.get();
            System.arraycopy(part.latencies(), 0, all, offset, part.latencies().length);
            offset += part.latencies().length;
            pdkCalls = part.pdkCalls();
        }
        return new Part(all, pdkCalls);
    }

    private static Part drive(KongPeer peer, int id, Map<String, Object> headers, int events) throws Exception {
        long[] latencies = new long[events];
        int pdkCalls = 0;
        for (int i = 0; i < events; i++) {
            FakeKongPdk request = FakeKongPdk.request("GET", headers);
            long t0 = System.nanoTime();
            EventOutcome outcome = peer.handleEvent(id, "access", request);
            latencies[i] = System.nanoTime() - t0;
            if (outcome.kind() != EventOutcome.Kind.COMPLETED) {
                throw new IllegalStateException("event not passed: " + outcome.kind() + " " + outcome.exitStatus()
                        + " " + outcome.error());
            }
            pdkCalls = request.calls().size();
        }
        return new Part(latencies, pdkCalls);
    }

    private static void report(String label, Result result) {
        System.out.printf(Locale.ROOT, "%-22s %12.0f %10.1f %10.1f %10.1f %14.1f%n", label, result.eventsPerSecond(),
                result.micros(0.50), result.micros(0.99), result.micros(1.0), result.serverCpuMicrosPerEvent());
    }

    private static HttpServer jwksServer(KeyPair key) throws Exception {
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        byte[] jwks = ("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                + unsigned(pub.getModulus()) + "\",\"e\":\"" + unsigned(pub.getPublicExponent()) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        return server;
    }

    private static String sign(KeyPair key, String claims) throws Exception {
        String input = B64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8))
                + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signer.sign());
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return B64.encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }
}
