package dev.jwkgate.metrics.support;

import dev.jwkgate.metrics.KeySourceMetrics;
import dev.jwkgate.metrics.MetricsRecorder;
import dev.jwkgate.metrics.TokenCacheMetrics;
import dev.jwkgate.metrics.ValidationMetrics;
import dev.jwkgate.result.ReasonCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * A recorder that counts every call under a readable name ({@code accepted}, {@code refused:expired},
 * {@code cache_hit}, {@code fetch_failure}, ...), for tests of what the core reports. One recorder per test.
 */
public final class RecordingMetrics implements MetricsRecorder {

    /** What {@link ValidationMetrics#start()} hands out, so a timed call is told from an untimed one. */
    public static final long START = 42;

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    /** The size suppliers of the caches registered, in order. */
    public final List<IntSupplier> cacheSizes = new CopyOnWriteArrayList<>();
    /** The issuers asked for, in order. */
    public final List<String> issuers = new CopyOnWriteArrayList<>();

    public long count(String name) {
        AtomicLong count = counts.get(name);
        return count == null ? 0 : count.get();
    }

    /** Every verdict counted: accepted (full or from the cache) and refused (timed or not). */
    public long verdicts() {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith("accepted") || e.getKey().startsWith("refused"))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    private void add(String name, long amount) {
        counts.computeIfAbsent(name, n -> new AtomicLong()).addAndGet(amount);
    }

    @Override
    public ValidationMetrics validations(String issuer) {
        issuers.add(issuer);
        return new ValidationMetrics() {
            @Override
            public long start() {
                return START;
            }

            @Override
            public void accepted(long start) {
                add(start == START ? "accepted" : "accepted-with-a-bad-start", 1);
            }

            @Override
            public void acceptedFromCache() {
                add("accepted_from_cache", 1);
            }

            @Override
            public void refused(ReasonCode reason, long start) {
                add(start == START ? "refused:" + reason.code() : "refused-with-a-bad-start", 1);
            }

            @Override
            public void refused(ReasonCode reason) {
                add("refused_untimed:" + reason.code(), 1);
            }

            @Override
            public void consumerNotFound() {
                add("consumer_not_found", 1);
            }
        };
    }

    @Override
    public TokenCacheMetrics tokenCache(String issuer, IntSupplier size) {
        cacheSizes.add(size);
        return new TokenCacheMetrics() {
            @Override
            public void hit() {
                add("cache_hit", 1);
            }

            @Override
            public void miss() {
                add("cache_miss", 1);
            }

            @Override
            public void evicted(int entries) {
                add("cache_evicted", entries);
            }
        };
    }

    @Override
    public KeySourceMetrics keySource(String issuer) {
        issuers.add(issuer);
        return new KeySourceMetrics() {
            @Override
            public void fetched(boolean success) {
                add(success ? "fetch_success" : "fetch_failure", 1);
            }

            @Override
            public void unknownKidRefreshed() {
                add("unknown_kid_refreshed", 1);
            }

            @Override
            public void unknownKidJoinedRefresh() {
                add("unknown_kid_joined", 1);
            }

            @Override
            public void unknownKidThrottled() {
                add("unknown_kid_throttled", 1);
            }
        };
    }
}
