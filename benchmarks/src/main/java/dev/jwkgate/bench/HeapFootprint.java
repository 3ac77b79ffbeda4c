package dev.jwkgate.bench;

import dev.jwkgate.JwkGate;
import dev.jwkgate.SourceSettings;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.source.JwksParser;
import dev.jwkgate.source.local.LocalKeySets;
import dev.jwkgate.token.TokenValidator;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Part 6 (heap): bytes retained per verified-token cache entry and per parsed key set, from the live heap
 * after full GCs before and after filling them. The tokens are the 402-byte-payload benchmark tokens.
 *
 * <p>Usage: {@code HeapFootprint [tokens=5000] [key-sets=2000]}; run with {@code -XX:+UseSerialGC} so a
 * full GC leaves only live objects.
 */
public final class HeapFootprint {

    private HeapFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int keySets = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        System.out.printf("%s, %s%n", System.getProperty("java.vm.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        cacheEntries(tokens);
        keySets(keySets);
    }

    private static void cacheEntries(int count) {
        Fixture fixture = Fixture.forAlgorithm("RS256");
        JwkGateConfig config = JwkGateConfig.fromMap(Map.of("issuer", Fixture.ISSUER, "jwks", fixture.jwksJson,
                "audiences", List.of(Fixture.AUDIENCE), "algorithms", List.of("RS256"),
                "token_cache_enabled", true, "token_cache_max_entries", count * 2));
        TokenValidator validator = JwkGate.builder(config).auditListener(AuditListener.NONE).build();
        List<String> signed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            signed.add(fixture.sign(fixture.header(fixture.kid), Fixture.payload(String.format("jti-%08d", i))));
        }
        // one token through first, so classes and per-thread engines are not counted as cache entries
        validator.validate(fixture.token);
        long before = liveHeap();
        for (String token : signed) {
            if (!validator.validate(token).isValid()) {
                throw new IllegalStateException("refused");
            }
        }
        long after = liveHeap();
        System.out.printf("verified-token cache: %,d entries retain %,d bytes = %,d bytes per entry"
                + " (token %d chars, not kept: the key is its SHA-256)%n",
                count, after - before, (after - before) / count, fixture.token.length());
        reach(validator, signed);
    }

    private static void keySets(int count) {
        String[] algs = {"RS256", "ES256", "EdDSA"};
        StringBuilder jwks = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < algs.length; i++) {
            jwks.append(i == 0 ? "" : ",").append(Fixture.withKeyId(algs[i], "k" + i).jwkJson());
        }
        String mixed = jwks.append("]}").toString();
        String single = Fixture.forAlgorithm("RS256").jwksJson;
        for (String[] set : new String[][] {{"1 key (RSA-2048)", single}, {"3 keys (RSA-2048, P-256, Ed25519)", mixed}}) {
            JwksParser parser = SourceSettings.parser(JwkGateConfig.fromMap(Map.of("issuer", Fixture.ISSUER,
                    "jwks", set[1])));
            List<KeySet> held = new ArrayList<>(count);
            held.add(LocalKeySets.fromText("jwks", set[1], parser, Instant.now()).keys());
            long before = liveHeap();
            for (int i = 1; i < count; i++) {
                held.add(LocalKeySets.fromText("jwks", set[1], parser, Instant.now()).keys());
            }
            long after = liveHeap();
            System.out.printf("key set of %s: %,d bytes each (%d sets held)%n", set[0],
                    (after - before) / (count - 1), count);
            reach(held, null);
        }
    }

    private static long liveHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Keeps its arguments reachable up to here, so no GC before the second measurement can free them. */
    private static void reach(Object a, Object b) {
        if (a.hashCode() == 42 && b != null && b.hashCode() == 42) {
            System.out.print("");
        }
    }
}
