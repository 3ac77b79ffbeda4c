package dev.jwkgate.metrics;

import dev.jwkgate.result.ReasonCode;

/**
 * The counters of one issuer's validations: every request a validator or a gateway policy answers is counted once,
 * accepted or refused with its reason code, so the counts add up to the requests decided. A validation that goes
 * past the verified-token cache is also timed.
 */
public interface ValidationMetrics {

    /** What {@link #accepted(long)} and {@link #refused(ReasonCode, long)} take: a {@link System#nanoTime()}, or 0 when nothing is timed. */
    long start();

    /** A token accepted after the full check that began at {@code start}. */
    void accepted(long start);

    /** A token accepted from the verified-token cache (not timed: a hit costs about a microsecond). */
    void acceptedFromCache();

    /** A token refused for {@code reason} by the full check that began at {@code start}. */
    void refused(ReasonCode reason, long start);

    /** A request refused before or without a timed check: no token found, an ambiguous one, a cached token refused again. */
    void refused(ReasonCode reason);

    /**
     * A token this issuer's validator accepted, and counted as accepted, whose consumer the gateway then did not find
     * (Kong's {@code consumer_claim}): the request was refused {@code unknown_consumer} or passed as the
     * {@code anonymous} consumer. Counted apart from the verdicts, so that every request still counts one verdict.
     */
    void consumerNotFound();
}
