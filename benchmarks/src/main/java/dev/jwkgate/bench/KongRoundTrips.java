package dev.jwkgate.bench;

import dev.jwkgate.kong.jwt.JwtPluginDefinition;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.PluginDefinition;
import dev.jwkgate.kong.pdk.schema.PluginSchema;
import dev.jwkgate.kong.pdk.server.PluginServer;
import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.KongPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Part 4(b), split by cause: one access event through the Kong plugin server for a plugin that does nothing
 * (1 round trip), for a plugin that makes the JWT plugin's PDK calls and nothing else (get_headers, one
 * set_header: 3 round trips), and for the JWT plugin (token cache on). The first ratio is what Kong's
 * external-plugin protocol costs; the second is what jwkgate itself costs. Same peer ({@code KongPeer}) as
 * the adapter's own {@code KongLoadDriver}, rounds alternated so all three see the same machine.
 *
 * <p>Usage: {@code KongRoundTrips [threads=4] [events-per-thread=20000] [warmup=10000] [rounds=2]}.
 */
public final class KongRoundTrips {

    private KongRoundTrips() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Fixture fixture = Fixture.forAlgorithm("RS256");
        Path dir = Files.createTempDirectory("kong-rt");
        String jwtConfig = "{\"issuer\":\"" + Fixture.ISSUER + "\",\"jwks\":" + quote(fixture.jwksJson) + ","
                + "\"audience_required\":[\"" + Fixture.AUDIENCE + "\"],\"upstream_headers_claims\":[\"sub\"],"
                + "\"upstream_headers_names\":[\"X-User-Id\"],\"__seq__\":1}";
        Map<String, Object> headers = Map.of("authorization", "Bearer " + fixture.token, "x-user-id", "mallory",
                "user-agent", "load", "accept", "*/*", "host", "api.example");
        try (PluginServer noop = PluginServer.start(new Baseline("noop", false), dir.resolve("noop.sock"));
             PluginServer same = PluginServer.start(new Baseline("samecalls", true), dir.resolve("same.sock"));
             PluginServer jwt = PluginServer.start(new JwtPluginDefinition(), dir.resolve("jwt.sock"))) {
            System.out.printf(Locale.ROOT, "one access event: %d threads x %d events (after %d warm-up), %d rounds, %d cores, %s%n",
                    threads, events, warmup, rounds, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.version"));
            System.out.printf(Locale.ROOT, "%-26s %10s %9s %9s%n", "plugin", "events/s", "p50 us", "p99 us");
            double[] total = new double[3];
            for (int round = 1; round <= rounds; round++) {
                total[0] += report("no-op (1 round trip)", round, run(noop, "noop", "{\"__seq__\":1}", headers, threads, events, warmup));
                total[1] += report("same calls (3 round trips)", round, run(same, "samecalls", "{\"__seq__\":1}", headers, threads, events, warmup));
                total[2] += report("jwkgate (3 round trips)", round, run(jwt, "jwkgate", jwtConfig, headers, threads, events, warmup));
            }
            System.out.printf(Locale.ROOT, "jwkgate = %.2f x no-op, %.2f x same calls; same calls = %.2f x no-op%n",
                    total[2] / total[0], total[2] / total[1], total[1] / total[0]);
        }
    }

    /** The no-op plugin, or one that reads the headers and sets one upstream header as the JWT plugin does. */
    private static final class Baseline implements PluginDefinition {
        private final String name;
        private final boolean sameCalls;

        Baseline(String name, boolean sameCalls) {
            this.name = name;
            this.sameCalls = sameCalls;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String version() {
            return "1.0.0";
        }

        @Override
        public int priority() {
            return 1;
        }

        @Override
        public Set<Phase> phases() {
            return Set.of(Phase.ACCESS);
        }

        @Override
        public PluginSchema schema() {
            return PluginSchema.builder(name).build();
        }

        @Override
        public KongPlugin newInstance(Map<String, Object> config) {
            return new KongPlugin() {
                @Override
                public void access(Kong kong) {
                    if (sameCalls) {
                        List<String> auth = kong.request.getHeaders(1000).getOrDefault("authorization", List.of());
                        kong.service.request.setHeader("X-User-Id", auth.isEmpty() ? "none" : "user-" + auth.get(0).length());
                    }
                }
            };
        }
    }

    private static Percentiles lastLatencies;

    private static double report(String label, int round, double perSecond) {
        System.out.printf(Locale.ROOT, "%-26s %10.0f %9.0f %9.0f  (round %d)%n", label, perSecond,
                lastLatencies.micros(0.50), lastLatencies.micros(0.99), round);
        return perSecond;
    }

    private static double run(PluginServer server, String name, String config, Map<String, Object> headers,
                              int threads, int events, int warmup) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<KongPeer> peers = new ArrayList<>();
        try {
            List<Integer> ids = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                KongPeer peer = new KongPeer(server.socketPath());
                peers.add(peer);
                ids.add(peer.startInstance(name, config));
            }
            List<Future<long[]>> warm = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int i = t;
                warm.add(pool.submit(() -> drive(peers.get(i), ids.get(i), headers, warmup)));
            }
            for (Future<long[]> f : warm) {
                f.get();
            }
            long start = System.nanoTime();
            List<Future<long[]>> measured = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int i = t;
                measured.add(pool.submit(() -> drive(peers.get(i), ids.get(i), headers, events)));
            }
            long[] all = new long[threads * events];
            int offset = 0;
            for (Future<long[]> f : measured) {
                long[] part = f.get();
                System.arraycopy(part, 0, all, offset, part.length);
                offset += part.length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            lastLatencies = new Percentiles(all);
            return all.length / seconds;
        } finally {
            for (KongPeer peer : peers) {
                peer.close();
            }
            pool.shutdownNow();
        }
    }

    private static long[] drive(KongPeer peer, int id, Map<String, Object> headers, int events) throws Exception {
        long[] latencies = new long[events];
        for (int i = 0; i < events; i++) {
            FakeKongPdk request = FakeKongPdk.request("GET", headers);
            long t0 = System.nanoTime();
            EventOutcome outcome = peer.handleEvent(id, "access", request);
            latencies[i] = System.nanoTime() - t0;
            if (outcome.kind() != EventOutcome.Kind.COMPLETED) {
                throw new IllegalStateException("event not passed: " + outcome.kind() + " " + outcome.exitStatus());
            }
        }
        return latencies;
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
