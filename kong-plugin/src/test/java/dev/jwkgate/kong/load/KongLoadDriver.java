package dev.jwkgate.kong.load;

import com.sun.net.httpserver.HttpServer;
import dev.jwkgate.kong.jwt.JwtPluginDefinition;
import dev.jwkgate.kong.pdk.PluginDefinition;
import dev.jwkgate.kong.pdk.server.PluginServer;
import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.KongPeer;
import java.io.OutputStream;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures one access event through the plugin server, as Kong sends it (HandleEvent, the PDK
 * callbacks, the RpcReturn on a keepalive connection), for the JWT plugin (token cache on, the gateway
 * default) and for a plugin that does nothing, in one run. Prints events/s and latency percentiles.
 *
 * <p>Usage: {@code KongLoadDriver [threads] [events-per-thread] [warmup-events-per-thread]}.
 */
public final class KongLoadDriver {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private KongLoadDriver() {
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
                + "\"audience_required\":[\"api\"],\"upstream_headers_claims\":[\"sub\"],"
                + "\"upstream_headers_names\":[\"X-User-Id\"],\"__seq__\":1}";
        String token = sign(key, "{\"iss\":\"https://idp.example\",\"sub\":\"alice\",\"aud\":\"api\",\"exp\":"
                + (Instant.now().getEpochSecond() + 3600) + "}");

        try (PluginServer noop = PluginServer.start(new NoopPluginDefinition(), dir.resolve("noop.sock"));
             PluginServer jwt = PluginServer.start(new JwtPluginDefinition(), dir.resolve("jwt.sock"))) {
            System.out.printf(Locale.ROOT, "one access event through the plugin server: %d threads x %d events (after %d warm-up), %d cores%n",
                    threads, events, warmup, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-22s %12s %10s %10s %10s%n", "plugin", "events/s", "p50 us", "p99 us", "max us");
            Map<String, Object> headers = Map.of("authorization", "Bearer " + token, "x-user-id", "mallory",
                    "user-agent", "load", "accept", "*/*", "host", "api.example");
            // alternate the two so both see the same machine conditions
            for (int round = 1; round <= 2; round++) {
                report("no-op (round " + round + ")", run(noop, "noop", "{\"__seq__\":1}", headers, threads, events, warmup));
                report("jwkgate (round " + round + ")", run(jwt, "jwkgate", jwtConfig, headers, threads, events, warmup));
            }
        } finally {
            idp.stop(0);
        }
    }

    private record Result(double eventsPerSecond, long[] latenciesNanos) {
    }

    private static Result run(PluginServer server, String name, String config, Map<String, Object> headers,
                              int threads, int events, int warmup) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<KongPeer> peers = new ArrayList<>();
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
            for (KongPeer peer : peers) {
                peer.close();
            }
            return new Result(all.length / seconds, all);
        } finally {
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

    private static void report(String label, Result result) {
        long[] sorted = result.latenciesNanos().clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-22s %12.0f %10.1f %10.1f %10.1f%n", label, result.eventsPerSecond(),
                percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3, sorted[sorted.length - 1] / 1e3);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
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
