package dev.jwkgate.source;

/** How a key source is doing; reported through audit events and to adapters' health endpoints. */
public enum SourceHealth {
    /** The last fetch succeeded and the set is within its TTL. */
    HEALTHY,
    /** Fetches are failing; the last good set is still served, within {@code max_stale_seconds}. */
    STALE,
    /** No usable set: never loaded, or the last good one is older than {@code max_stale_seconds}. */
    UNAVAILABLE
}
