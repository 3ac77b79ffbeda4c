package dev.jwkgate.source.remote;

import dev.jwkgate.keys.IngestedKeySet;
import java.time.Duration;
import java.util.Objects;

/**
 * A freshly loaded, usable key set and how long it may be cached.
 *
 * @param ingested the trusted keys (at least one) and the dropped ones
 * @param ttl      how long the set counts as fresh, already clamped
 */
public record LoadedKeySet(IngestedKeySet ingested, Duration ttl) {

    public LoadedKeySet {
        Objects.requireNonNull(ingested, "ingested");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }
}
