package dev.jwkgate.kong.jwt;

import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.gateway.ConsumerLookup;
import dev.jwkgate.kong.pdk.client.Consumer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Consumers found (and not found) through Kong, kept in the plugin server so that a repeated lookup costs no PDK
 * round trip: bounded in size (least recently used go first) and in time ({@code consumer_cache_ttl_seconds},
 * {@code consumer_cache_miss_ttl_seconds}), so a consumer Kong deletes or creates is seen within that time.
 */
final class ConsumerCache {

    private record Entry(Optional<Consumer> consumer, long expiresAtNanos) {
    }

    private final long foundTtlNanos;
    private final long missTtlNanos;
    private final LongSupplier nanoTime;
    private final Map<ConsumerLookup, Entry> entries;

    ConsumerCache(long foundTtlSeconds, long missTtlSeconds, int maxEntries, LongSupplier nanoTime) {
        this.foundTtlNanos = TimeUnit.SECONDS.toNanos(foundTtlSeconds);
        this.missTtlNanos = TimeUnit.SECONDS.toNanos(missTtlSeconds);
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ConsumerLookup, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** A cache sized and timed by the configuration's {@code consumer_cache_*} settings. */
    static ConsumerCache of(JwkGateConfig config) {
        return new ConsumerCache(config.integer(Setting.CONSUMER_CACHE_TTL_SECONDS),
                config.integer(Setting.CONSUMER_CACHE_MISS_TTL_SECONDS),
                config.integer(Setting.CONSUMER_CACHE_MAX_ENTRIES), System::nanoTime);
    }

    /**
     * The cached answer, or {@code load}'s (then cached). Loading happens outside the lock: two requests for the same
     * uncached consumer may both ask Kong, which is cheaper than making every request wait for one PDK round trip.
     */
    Optional<Consumer> find(ConsumerLookup lookup, Function<ConsumerLookup, Consumer> load) {
        long now = nanoTime.getAsLong();
        synchronized (entries) {
            Entry entry = entries.get(lookup);
            if (entry != null && now - entry.expiresAtNanos < 0) {
                return entry.consumer;
            }
        }
        Optional<Consumer> consumer = Optional.ofNullable(load.apply(lookup));
        long ttl = consumer.isPresent() ? foundTtlNanos : missTtlNanos;
        synchronized (entries) {
            if (ttl > 0) {
                entries.put(lookup, new Entry(consumer, nanoTime.getAsLong() + ttl));
            } else {
                entries.remove(lookup);
            }
        }
        return consumer;
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
