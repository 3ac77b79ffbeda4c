package dev.jwkgate.metrics;

/**
 * The counters of one verified-token cache. A hit is a token answered from the cache; a miss a lookup that was not
 * (absent, expired, or dropped because its key left the set); an eviction an entry pushed out to make room, the
 * sign that {@code token_cache_max_entries} is too small for the traffic.
 */
public interface TokenCacheMetrics {

    void hit();

    void miss();

    void evicted(int entries);
}
