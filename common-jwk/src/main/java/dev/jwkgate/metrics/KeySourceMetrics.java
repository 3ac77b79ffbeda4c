package dev.jwkgate.metrics;

/**
 * The counters of one remote key source: fetches by result, and what became of the requests that named a
 * {@code kid} the set lacked. Its gauges (health, keys in the set, age of the last good fetch) are read from the
 * sources themselves when the metrics are read ({@code KeySourceRegistry.statuses()}).
 */
public interface KeySourceMetrics {

    /** A fetch of the JWKS (or discovery and JWKS) ended; {@code success}: a usable set was stored. */
    void fetched(boolean success);

    /** This request's unknown {@code kid} took the refresh of the cooldown. */
    void unknownKidRefreshed();

    /** This request's unknown {@code kid} was found by waiting for a refresh another request had taken. */
    void unknownKidJoinedRefresh();

    /**
     * This request's unknown {@code kid} got no refresh: the cooldown's refresh was spent, or a fresh fetch had
     * already shown the kid unknown. It is answered from the current set (a refusal, unless the set has it).
     */
    void unknownKidThrottled();
}
