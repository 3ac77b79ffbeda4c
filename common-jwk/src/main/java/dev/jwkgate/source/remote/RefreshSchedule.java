package dev.jwkgate.source.remote;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a remote source fetches next, and the timer that does it.
 *
 * <ul>
 *   <li><b>Refresh ahead</b>: after a load, at 75–85 % of the TTL (jitter spreads a fleet's fetches), so a
 *       rotation is picked up before the old set expires and no request waits for it.</li>
 *   <li><b>Backoff</b>: after a failure, a source that never loaded retries after 1, 2, 4… s up to the cooldown,
 *       so a gateway that started before its identity provider gets keys within seconds of it coming up; a
 *       loaded one after min(cooldown, remaining TTL), so a failing refresh-ahead is retried before the set
 *       expires; an expired one after the cooldown. Never sooner than 1 s.</li>
 * </ul>
 *
 * <p>One refresh is scheduled at a time: scheduling replaces the pending one, closing cancels it for good.
 */
final class RefreshSchedule {

    static final Duration MIN_DELAY = Duration.ofSeconds(1);

    private final RefreshScheduler scheduler;
    private final Runnable refresh;
    private final Duration cooldown;
    private final DoubleSupplier jitter;
    private final Object lock = new Object();
    private RefreshScheduler.Cancellable next; // guarded by lock
    private boolean closed; // guarded by lock

    /**
     * @param refresh  what to run when a refresh is due (it only starts the fetch on the fetch executor)
     * @param cooldown the unknown-kid cooldown: the longest retry delay
     * @param jitter   a source of numbers in [0, 1) for the refresh-ahead point
     */
    RefreshSchedule(RefreshScheduler scheduler, Runnable refresh, Duration cooldown, DoubleSupplier jitter) {
        this.scheduler = scheduler;
        this.refresh = refresh;
        this.cooldown = cooldown;
        this.jitter = jitter;
    }

    /** The refresh-ahead point of a set that lives {@code ttl}: 75–85 % of it, at least 1 s (or the TTL, if shorter). */
    Duration refreshAhead(Duration ttl) {
        long millis = (long) (ttl.toMillis() * (0.75 + 0.10 * jitter.getAsDouble()));
        return Duration.ofMillis(Math.max(millis, Math.min(MIN_DELAY.toMillis(), ttl.toMillis())));
    }

    /**
     * The delay before retrying after the {@code attempts}-th failure in a row.
     *
     * @param expiresAt when the last good set expires; null when the source never loaded
     */
    Duration retryAfter(Instant expiresAt, Instant now, int attempts) {
        Duration delay = cooldown;
        if (expiresAt == null) {
            Duration doubling = MIN_DELAY.multipliedBy(1L << Math.min(attempts - 1, 20));
            delay = doubling.compareTo(delay) < 0 ? doubling : delay;
        } else if (now.isBefore(expiresAt)) {
            Duration remaining = Duration.between(now, expiresAt);
            delay = remaining.compareTo(delay) < 0 ? remaining : delay;
        }
        return delay.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : delay;
    }

    /** Schedules the next refresh after {@code delay}, replacing the pending one; nothing once closed. */
    void next(Duration delay) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (next != null) {
                next.cancel();
            }
            next = scheduler.schedule(refresh, delay);
        }
    }

    /** Cancels the pending refresh and schedules no other. */
    void close() {
        synchronized (lock) {
            closed = true;
            if (next != null) {
                next.cancel();
                next = null;
            }
        }
    }
}
