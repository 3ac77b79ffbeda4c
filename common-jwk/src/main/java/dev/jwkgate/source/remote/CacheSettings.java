package dev.jwkgate.source.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RemoteKeySetSource} serves its cache through refreshes and outages.
 *
 * @param unknownKidCooldown at most one unknown-kid refresh per this period; also how long an unknown kid is
 *                           remembered, and the retry delay after a failed fetch
 * @param maxStale           how long past its expiry the last good set keeps serving while fetches fail
 * @param firstLoadWait      the longest a request thread waits for a first load or an unknown-kid refresh
 */
public record CacheSettings(Duration unknownKidCooldown, Duration maxStale, Duration firstLoadWait) {

    public CacheSettings {
        Objects.requireNonNull(unknownKidCooldown, "unknownKidCooldown");
        Objects.requireNonNull(maxStale, "maxStale");
        Objects.requireNonNull(firstLoadWait, "firstLoadWait");
        if (unknownKidCooldown.isNegative() || unknownKidCooldown.isZero()) {
            throw new IllegalArgumentException("unknownKidCooldown must be positive: it is the only brake on forged kids");
        }
        if (maxStale.isNegative() || firstLoadWait.isNegative()) {
            throw new IllegalArgumentException("maxStale and firstLoadWait must not be negative");
        }
    }
}
