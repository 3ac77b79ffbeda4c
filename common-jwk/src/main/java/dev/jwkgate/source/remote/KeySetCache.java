package dev.jwkgate.source.remote;

import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeyRefusal;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.source.SourceHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The key cache of one remote source: the last good set with its expiry, and whether fetches are failing. A failed
 * fetch never replaces the set (stale-if-error); the set stays usable up to {@code max_stale_seconds} past its
 * expiry. Written only by the source's one load in flight, read by any request thread.
 */
final class KeySetCache {

    /** The last good set: its keys, the refusals of its load, and when it expires. */
    record Snapshot(KeySet keys, List<KeyRefusal> refusals, Instant expiresAt) {
    }

    /** Fetches are failing: since when, why the last one failed, how many in a row, and when to try again. */
    record Failure(String why, Instant since, int attempts, Instant retryAt) {
    }

    private final Duration maxStale;
    private volatile Snapshot snapshot;
    private volatile Failure failure;

    KeySetCache(Duration maxStale) {
        this.maxStale = maxStale;
    }

    /** The last good set, or null before the first successful load. */
    Snapshot snapshot() {
        return snapshot;
    }

    /** The current run of failed fetches, or null when the last fetch succeeded. */
    Failure failure() {
        return failure;
    }

    /** Whether {@code snapshot} may still serve requests: before its expiry plus {@code max_stale_seconds}. */
    boolean isUsable(Snapshot snapshot, Instant now) {
        return now.isBefore(snapshot.expiresAt().plus(maxStale));
    }

    Duration maxStale() {
        return maxStale;
    }

    /** Replaces the set and ends any run of failures; returns the set it replaced (null on the first load). */
    Snapshot store(IngestedKeySet ingested, Duration ttl, Instant now) {
        Snapshot previous = snapshot;
        snapshot = new Snapshot(ingested.keys(), ingested.refusals(), now.plus(ttl));
        failure = null;
        return previous;
    }

    /** How many fetches in a row have failed, this one included, when one more fails now. */
    int attemptsWithOneMore() {
        Failure previous = failure;
        return previous == null ? 1 : previous.attempts() + 1;
    }

    /** Records a failed fetch, keeping the set; {@code retry} is when the next attempt is due. */
    Failure recordFailure(String why, Instant now, Duration retry) {
        Failure previous = failure;
        Failure current = new Failure(why, previous == null ? now : previous.since(), attemptsWithOneMore(),
                now.plus(retry));
        failure = current;
        return current;
    }

    /** HEALTHY: a fresh set and no failure; STALE: expired or failing but still usable; else UNAVAILABLE. */
    SourceHealth health(Instant now) {
        Snapshot s = snapshot;
        if (s == null || !isUsable(s, now)) {
            return SourceHealth.UNAVAILABLE;
        }
        return failure != null || !now.isBefore(s.expiresAt()) ? SourceHealth.STALE : SourceHealth.HEALTHY;
    }
}
