package dev.jwkgate.metrics;

import java.util.function.IntSupplier;

/**
 * Hands out the counters of one issuer's validations, verified-token caches and key sources. Called when a
 * validator or a source is built, never per request; the parts it returns are what the request path calls.
 *
 * <p>Labels are bounded by configuration: an issuer is a configured value, never a token's claim, kid or subject.
 * Implementations are thread-safe, and return equal parts for equal issuers or parts that add up.
 */
public interface MetricsRecorder {

    /** Records nothing, reads no clock: the default of the library. */
    MetricsRecorder NONE = NoMetrics.INSTANCE;

    /** Counters (by outcome and reason code) and the latency of the validations of {@code issuer}. */
    ValidationMetrics validations(String issuer);

    /**
     * The hit, miss and eviction counters of one verified-token cache of {@code issuer}; {@code size} tells its
     * current number of entries whenever the metrics are read. The recorder must not keep the cache alive through
     * {@code size}: a validator that is forgotten takes its cache with it.
     */
    TokenCacheMetrics tokenCache(String issuer, IntSupplier size);

    /** The fetch and unknown-{@code kid} counters of a remote key source of {@code issuer}. */
    KeySourceMetrics keySource(String issuer);
}
