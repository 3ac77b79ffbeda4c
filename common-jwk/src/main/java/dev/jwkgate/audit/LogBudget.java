package dev.jwkgate.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How many lines of one kind a log gets per interval: the first {@code lines} are written one by one, the rest
 * are counted by key (a reason code) and reported in one summary once the interval is over. So a flood of bad
 * tokens costs a bounded number of lines whatever its rate, and no refusal goes uncounted. The summary comes from
 * a timer at the end of the interval, or earlier from the first line of a later interval, whichever is first.
 *
 * <p>Thread-safe; the lock is held for a few counter operations only, never while writing.
 */
final class LogBudget {

    /** Runs a task once after a delay; the production one is a JDK delayed executor (a daemon thread). */
    @FunctionalInterface
    interface Timer {
        void after(Duration delay, Runnable task);

        Timer JDK = (delay, task) -> CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                .execute(task);
    }

    /**
     * An interval in which lines were held back.
     *
     * @param source    the source of the first line held back
     * @param logged    how many lines were written one by one
     * @param notLogged key to the number of lines held back, in key order
     */
    record Summary(String source, Duration interval, int logged, Map<String, Long> notLogged) {
        long total() {
            return notLogged.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final int lines;
    private final long intervalMillis;
    private final Clock clock;
    private final Timer timer;
    private final Consumer<Summary> summaries;

    // guarded by this
    private long windowStart = Long.MIN_VALUE / 2;
    private int logged;
    private Map<String, Long> notLogged = new TreeMap<>();
    private String firstSource;
    private boolean summaryScheduled;

    /**
     * @param lines     lines written one by one per interval (0: only summaries)
     * @param summaries where the summary of an interval with lines held back goes, outside the lock
     */
    LogBudget(int lines, Duration interval, Clock clock, Timer timer, Consumer<Summary> summaries) {
        if (lines < 0 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a log budget needs lines >= 0 and a positive interval");
        }
        this.lines = lines;
        this.intervalMillis = interval.toMillis();
        this.clock = Objects.requireNonNull(clock);
        this.timer = Objects.requireNonNull(timer);
        this.summaries = Objects.requireNonNull(summaries);
    }

    /** Whether a line of {@code key} about {@code source} may be written now; if not, it is counted for the summary. */
    boolean admit(String key, String source) {
        Summary due = null;
        boolean admitted;
        synchronized (this) {
            long now = clock.millis();
            if (now >= windowStart + intervalMillis) {
                due = close();
                windowStart = now;
                logged = 0;
            }
            if (logged < lines) {
                logged++;
                admitted = true;
            } else {
                admitted = false;
                notLogged.merge(key, 1L, Long::sum);
                if (firstSource == null) {
                    firstSource = source;
                }
                if (!summaryScheduled) {
                    summaryScheduled = true;
                    long window = windowStart;
                    timer.after(Duration.ofMillis(Math.max(0, window + intervalMillis - now)), () -> summarize(window));
                }
            }
        }
        if (due != null) {
            summaries.accept(due);
        }
        return admitted;
    }

    /** The timer's end of interval {@code window}: its summary, unless a later line already gave it. */
    private void summarize(long window) {
        Summary due;
        synchronized (this) {
            if (windowStart != window) {
                return;
            }
            due = close();
        }
        if (due != null) {
            summaries.accept(due);
        }
    }

    /** The summary of the lines held back so far in this interval, and a clean slate; null when none were. */
    private Summary close() {
        summaryScheduled = false;
        if (notLogged.isEmpty()) {
            return null;
        }
        Summary summary = new Summary(firstSource, Duration.ofMillis(intervalMillis), logged, notLogged);
        notLogged = new TreeMap<>();
        firstSource = null;
        return summary;
    }
}
