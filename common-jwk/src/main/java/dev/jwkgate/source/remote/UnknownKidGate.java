package dev.jwkgate.source.remote;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The brake on unknown-{@code kid} refreshes: at most one per cooldown per source, and each kid found unknown
 * is remembered for the cooldown so repeating it costs neither a fetch nor a wait. Memory is bounded: when
 * too many distinct forged kids are remembered, new ones are not, and the cooldown alone still limits
 * fetches.
 */
final class UnknownKidGate {

    static final int MAX_REMEMBERED = 10_000;

    private final Duration cooldown;
    private final AtomicReference<Instant> lastRefresh = new AtomicReference<>();
    private final Map<String, Instant> unknownUntil = new ConcurrentHashMap<>();

    UnknownKidGate(Duration cooldown) {
        this.cooldown = cooldown;
    }

    /** Whether {@code kid} was found unknown less than a cooldown ago. */
    boolean isKnownUnknown(String kid, Instant now) {
        Instant until = unknownUntil.get(kid);
        if (until == null) {
            return false;
        }
        if (now.isBefore(until)) {
            return true;
        }
        unknownUntil.remove(kid, until);
        return false;
    }

    /** Takes the one refresh of this cooldown period; false when it was already taken. */
    boolean tryClaimRefresh(Instant now) {
        while (true) {
            Instant last = lastRefresh.get();
            if (last != null && now.isBefore(last.plus(cooldown))) {
                return false;
            }
            if (lastRefresh.compareAndSet(last, now)) {
                return true;
            }
        }
    }

    /** Remembers {@code kid} as unknown for the cooldown; false when it was remembered before (or memory is full). */
    boolean remember(String kid, Instant now) {
        if (unknownUntil.size() >= MAX_REMEMBERED) {
            unknownUntil.values().removeIf(until -> !now.isBefore(until));
            if (unknownUntil.size() >= MAX_REMEMBERED) {
                return false;
            }
        }
        Instant previous = unknownUntil.put(kid, now.plus(cooldown));
        return previous == null || !now.isBefore(previous);
    }
}
