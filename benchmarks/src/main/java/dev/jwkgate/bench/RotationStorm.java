package dev.jwkgate.bench;

import dev.jwkgate.JwkGate;
import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.token.TokenValidator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Part 5: key-rotation storms against a loopback JWKS endpoint, through the production remote key source.
 *
 * <ol>
 *   <li><b>Rotation</b>: the identity provider starts signing with a new key; N validations of tokens carrying
 *       that kid, not yet cached, start at once on N threads. Expected: exactly one JWKS fetch, every token
 *       accepted.</li>
 *   <li><b>Forged kids</b>: valid traffic runs alone, then alongside 10,000 tokens with forged kids. Expected:
 *       at most one fetch per {@code unknown_kid_cooldown_seconds}, every valid token accepted, its p99 beside
 *       the p99 without the flood.</li>
 * </ol>
 *
 * <p>Usage: {@code RotationStorm [rotation-threads=10000] [jwks-delay-ms=50] [cooldown-seconds=30]
 * [forged=10000] [valid-threads=2] [forged-threads=2]}. Token cache off: every validation checks a signature.
 */
public final class RotationStorm {

    private static final int DISTINCT_TOKENS = 100;

    private RotationStorm() {
    }

    public static void main(String[] args) throws Exception {
        int rotationThreads = arg(args, 0, 10_000);
        int delayMs = arg(args, 1, 50);
        int cooldown = arg(args, 2, 30);
        int forged = arg(args, 3, 10_000);
        int validThreads = arg(args, 4, 2);
        int forgedThreads = arg(args, 5, 2);
        System.out.printf("JWKS answers after %d ms; unknown_kid_cooldown_seconds=%d; %d cores; %s%n",
                delayMs, cooldown, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        rotation(rotationThreads, delayMs, cooldown);
        forgedKids(forged, validThreads, forgedThreads, delayMs, cooldown);
    }

    private static void rotation(int threads, int delayMs, int cooldown) throws Exception {
        Fixture old = Fixture.withKeyId("RS256", "2026-10");
        Fixture rotated = Fixture.withKeyId("RS256", "2026-11");
        KeySourceRegistry sources = new KeySourceRegistry();
        try (LoopbackJwks idp = new LoopbackJwks(jwks(old), delayMs)) {
            TokenValidator validator = validator(sources, idp, cooldown);
            requireValid(validator.validate(old.token));
            List<String> tokens = tokens(rotated, "rotated");
            idp.serve(jwks(old, rotated));
            int before = idp.fetches();

            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            long[] latencies = new long[threads];
            AtomicInteger accepted = new AtomicInteger();
            Map<String, LongAdder> refused = new ConcurrentHashMap<>();
            List<Thread> started = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                int n = i;
                String token = tokens.get(i % tokens.size());
                Thread t = new Thread(null, () -> {
                    ready.countDown();
                    await(go);
                    long t0 = System.nanoTime();
                    ValidationResult result = validator.validate(token);
                    latencies[n] = System.nanoTime() - t0;
                    if (result.isValid()) {
                        accepted.incrementAndGet();
                    } else {
                        refused.computeIfAbsent(result.reason().code(), k -> new LongAdder()).increment();
                    }
                }, "storm-" + i, 256 * 1024);
                t.start();
                started.add(t);
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (Thread t : started) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%nrotation: %,d validations of new-kid tokens on %,d threads started together%n",
                    threads, threads);
            System.out.printf("  JWKS fetches during the storm: %d (expected exactly 1)%n", idp.fetches() - before);
            System.out.printf("  accepted %,d of %,d; refused %s; %.2f s wall%n", accepted.get(), threads,
                    new TreeMap<>(refused), seconds);
            System.out.printf("  latency from release: %s%n", new Percentiles(latencies));
        } finally {
            sources.closeAll();
        }
    }

    private static void forgedKids(int forged, int validThreads, int forgedThreads, int delayMs, int cooldown)
            throws Exception {
        Fixture key = Fixture.withKeyId("RS256", "2026-10");
        Fixture attacker = Fixture.withKeyId("RS256", "attacker");
        KeySourceRegistry sources = new KeySourceRegistry();
        try (LoopbackJwks idp = new LoopbackJwks(jwks(key), delayMs)) {
            TokenValidator validator = validator(sources, idp, cooldown);
            requireValid(validator.validate(key.token));
            List<String> valid = tokens(key, "valid");
            List<String> forgedTokens = new ArrayList<>(forged);
            String payload = Fixture.payload("forged");
            String signed = attacker.sign(attacker.header("x"), payload);
            String tail = signed.substring(signed.indexOf('.'));
            for (int i = 0; i < forged; i++) {
                // same payload and a real (foreign) signature; only the kid differs, so no two share a cache entry
                String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        key.header(String.format("forged-%08x", i * 2_654_435_761L & 0xffffffffL)).getBytes());
                forgedTokens.add(header + tail);
            }
            // warm up the valid path so both phases see compiled code
            Phase warm = Phase.run(validator, valid, validThreads, 3_000, null);
            Phase alone = Phase.run(validator, valid, validThreads, 3_000, null);
            int before = idp.fetches();
            Phase flood = Phase.run(validator, valid, validThreads, 0, new Flood(forgedTokens, forgedThreads));
            int fetches = idp.fetches() - before;
            System.out.printf("%nforged kids: %,d tokens with forged kids on %d threads, valid traffic on %d threads%n",
                    forged, forgedThreads, validThreads);
            System.out.printf("  flood lasted %.2f s; JWKS fetches during it: %d (bound: one per %d s cooldown = %d)%n",
                    flood.seconds, fetches, cooldown, (int) Math.floor(flood.seconds / cooldown) + 1);
            System.out.printf("  forged refused %,d of %,d, by reason %s; accepted %d%n", flood.flood.refused(),
                    forged, new TreeMap<>(flood.flood.reasons), flood.flood.accepted.get());
            System.out.printf("  valid tokens alone:      accepted %,d of %,d, %,.0f/s, %s%n", alone.accepted,
                    alone.latencies.count(), alone.latencies.count() / alone.seconds, alone.latencies);
            System.out.printf("  valid tokens under flood: accepted %,d of %,d, %,.0f/s, %s%n", flood.accepted,
                    flood.latencies.count(), flood.latencies.count() / flood.seconds, flood.latencies);
            System.out.printf("  (warm-up phase: %s)%n", warm.latencies);
        } finally {
            sources.closeAll();
        }
    }

    /** Valid traffic on some threads for a time, or for as long as a flood runs beside it. */
    private static final class Phase {
        double seconds;
        int accepted;
        Percentiles latencies;
        Flood flood;

        static Phase run(TokenValidator validator, List<String> valid, int threads, long millis, Flood flood)
                throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            List<long[]> perThread = new ArrayList<>();
            int[] counts = new int[threads];
            AtomicInteger accepted = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long[] latencies = new long[2_000_000];
                perThread.add(latencies);
                int n = t;
                workers.add(new Thread(() -> {
                    int i = 0;
                    while (!stop.get() && i < latencies.length) {
                        long t0 = System.nanoTime();
                        ValidationResult result = validator.validate(valid.get((i + n * 7) % valid.size()));
                        latencies[i++] = System.nanoTime() - t0;
                        if (result.isValid()) {
                            accepted.incrementAndGet();
                        }
                    }
                    counts[n] = i;
                }, "valid-" + t));
            }
            long start = System.nanoTime();
            workers.forEach(Thread::start);
            if (flood != null) {
                flood.runToEnd(validator);
            } else {
                Thread.sleep(millis);
            }
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
            Phase phase = new Phase();
            phase.seconds = (System.nanoTime() - start) / 1e9;
            int total = 0;
            for (int c : counts) {
                total += c;
            }
            long[] all = new long[total];
            int offset = 0;
            for (int t = 0; t < threads; t++) {
                System.arraycopy(perThread.get(t), 0, all, offset, counts[t]);
                offset += counts[t];
            }
            phase.latencies = new Percentiles(all);
            phase.accepted = accepted.get();
            phase.flood = flood;
            return phase;
        }
    }

    /** The forged-kid tokens, validated as fast as a few threads can send them. */
    private static final class Flood {
        final List<String> tokens;
        final int threads;
        final AtomicInteger accepted = new AtomicInteger();
        final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();

        Flood(List<String> tokens, int threads) {
            this.tokens = tokens;
            this.threads = threads;
        }

        void runToEnd(TokenValidator validator) throws InterruptedException {
            AtomicInteger next = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                senders.add(new Thread(() -> {
                    for (int i = next.getAndIncrement(); i < tokens.size(); i = next.getAndIncrement()) {
                        ValidationResult result = validator.validate(tokens.get(i));
                        if (result.isValid()) {
                            accepted.incrementAndGet();
                        } else {
                            reasons.computeIfAbsent(result.reason().code(), k -> new LongAdder()).increment();
                        }
                    }
                }, "forged-" + t));
            }
            senders.forEach(Thread::start);
            for (Thread s : senders) {
                s.join();
            }
        }

        long refused() {
            return reasons.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    private static TokenValidator validator(KeySourceRegistry sources, LoopbackJwks idp, int cooldown) {
        JwkGateConfig config = JwkGateConfig.fromMap(Map.of("issuer", Fixture.ISSUER, "jwks_uri", idp.url(),
                "allow_http", true, "audiences", List.of(Fixture.AUDIENCE), "algorithms", List.of("RS256"),
                "unknown_kid_cooldown_seconds", cooldown,
                // a loaded 2-core machine can take longer than the 1 s default to run 10,000 threads to the wait
                "first_load_wait_ms", 10_000));
        return JwkGate.builder(config).sources(sources).clock(Clock.systemUTC()).auditListener(AuditListener.NONE)
                .build();
    }

    private static List<String> tokens(Fixture key, String label) {
        List<String> tokens = new ArrayList<>(DISTINCT_TOKENS);
        for (int i = 0; i < DISTINCT_TOKENS; i++) {
            tokens.add(key.sign(key.header(key.kid), Fixture.payload(label + "-" + i)));
        }
        return tokens;
    }

    private static String jwks(Fixture... keys) {
        StringBuilder out = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.length; i++) {
            out.append(i == 0 ? "" : ",").append(keys[i].jwkJson());
        }
        return out.append("]}").toString();
    }

    private static void requireValid(ValidationResult result) {
        if (!result.isValid()) {
            throw new IllegalStateException("the first token was refused: " + result);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
