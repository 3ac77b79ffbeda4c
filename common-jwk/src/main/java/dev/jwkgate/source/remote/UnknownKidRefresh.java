package dev.jwkgate.source.remote;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The brake on unknown-{@code kid} refreshes: at most one per cooldown per source, and a short window in which
 * requests may wait for it. A kid that a fresh fetch did not contain is remembered as unknown for the cooldown,
 * so repeating it never takes the next refresh (that one stays free for a kid nobody has checked yet, such as a
 * freshly rotated key). A kid that arrived while the refresh was taken is remembered only for audit
 * de-duplication: it has not been checked.
 *
 * <p>Memory is bounded and every operation on it is O(1): kids are kept in the order they were remembered, which
 * with one cooldown for all is the order they expire in, so expired kids are dropped from the head. Past
 * {@link #MAX_REMEMBERED} live kids a new one is not remembered (and not reported again): the cooldown alone
 * still limits fetches, a kid already remembered is never pushed out by a flood of forged ones, and a flood
 * cannot turn into an audit event per request.
 */
final class UnknownKidRefresh {

    static final int MAX_REMEMBERED = 10_000;

    private final Duration cooldown;
    private final long joinWindowNanos;
    private final AtomicReference<Instant> lastRefresh = new AtomicReference<>();
    /** System.nanoTime() until which requests may join the refresh claimed last. */
    private volatile long joinDeadlineNanos;
    /** Insertion-ordered (so expiry-ordered); guarded by itself. */
    private final LinkedHashMap<String, Entry> remembered = new LinkedHashMap<>();

    /** Until when a kid is remembered, and whether a fresh fetch confirmed it unknown. */
    private record Entry(Instant until, boolean checked) {
    }

    /**
     * @param cooldown   at most one refresh per this period; also how long a kid is remembered
     * @param joinWindow how long after a refresh was claimed other requests may wait for it
     */
    UnknownKidRefresh(Duration cooldown, Duration joinWindow) {
        this.cooldown = cooldown;
        this.joinWindowNanos = joinWindow.toNanos();
        this.joinDeadlineNanos = System.nanoTime();
    }

    /** Whether a fresh fetch found {@code kid} unknown less than a cooldown ago. */
    boolean isKnownUnknown(String kid, Instant now) {
        synchronized (remembered) {
            Entry entry = live(kid, now);
            return entry != null && entry.checked();
        }
    }

    /** Takes the one refresh of this cooldown period and opens its join window; false when it was already taken. */
    boolean tryClaimRefresh(Instant now) {
        while (true) {
            Instant last = lastRefresh.get();
            if (last != null && now.isBefore(last.plus(cooldown))) {
                return false;
            }
            if (lastRefresh.compareAndSet(last, now)) {
                joinDeadlineNanos = System.nanoTime() + joinWindowNanos;
                return true;
            }
        }
    }

    /** How long a request may still wait for the refresh claimed last, in nanoseconds; 0 or less: not at all. */
    long joinNanosLeft() {
        return joinDeadlineNanos - System.nanoTime();
    }

    /**
     * Remembers {@code kid} for the cooldown. Returns true when this is news worth an audit event: the kid was
     * not remembered yet, or it is now confirmed by a fresh fetch.
     *
     * @param checked whether a fresh fetch has just shown the kid unknown
     */
    boolean remember(String kid, Instant now, boolean checked) {
        synchronized (remembered) {
            Entry previous = live(kid, now);
            if (previous != null && (previous.checked() || !checked)) {
                return false;
            }
            if (previous == null) {
                dropExpired(now);
                if (remembered.size() >= MAX_REMEMBERED) {
                    return false;
                }
            } else {
                remembered.remove(kid); // re-inserted at the tail: the order stays the order of expiry
            }
            remembered.put(kid, new Entry(now.plus(cooldown), checked));
            return true;
        }
    }

    /** How many kids are remembered (expired ones not yet dropped included). */
    int size() {
        synchronized (remembered) {
            return remembered.size();
        }
    }

    /** From the head, while expired: O(1) per kid ever remembered, amortised. */
    private void dropExpired(Instant now) {
        for (Iterator<Entry> it = remembered.values().iterator(); it.hasNext(); ) {
            if (now.isBefore(it.next().until())) {
                return;
            }
            it.remove();
        }
    }

    private Entry live(String kid, Instant now) {
        Entry entry = remembered.get(kid);
        if (entry != null && !now.isBefore(entry.until())) {
            remembered.remove(kid);
            return null;
        }
        return entry;
    }
}
