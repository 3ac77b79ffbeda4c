package dev.jwkgate.source.support;

import dev.jwkgate.source.remote.RefreshScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A refresh timer driven by the test clock: {@link #runDue()} runs what is due now, on the calling thread. */
public final class ManualScheduler implements RefreshScheduler {

    private final Clock clock;
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task {
        final Runnable runnable;
        final Instant due;
        final Duration delay;
        boolean cancelled;

        Task(Runnable runnable, Instant due, Duration delay) {
            this.runnable = runnable;
            this.due = due;
            this.delay = delay;
        }
    }

    public ManualScheduler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(task, clock.instant().plus(delay), delay);
        tasks.add(t);
        return () -> {
            synchronized (ManualScheduler.this) {
                t.cancelled = true;
                tasks.remove(t);
            }
        };
    }

    /** Runs every task due at the clock's current time; returns how many ran. */
    public int runDue() {
        List<Task> due = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            for (Task t : new ArrayList<>(tasks)) {
                if (!t.cancelled && !t.due.isAfter(now)) {
                    due.add(t);
                    tasks.remove(t);
                }
            }
        }
        due.forEach(t -> t.runnable.run());
        return due.size();
    }

    /** The delay the pending task was scheduled with, when exactly one is pending. */
    public synchronized Optional<Duration> pendingDelay() {
        if (tasks.size() > 1) {
            throw new IllegalStateException("more than one refresh pending: " + tasks.size());
        }
        return tasks.isEmpty() ? Optional.empty() : Optional.of(tasks.get(0).delay);
    }

    public synchronized int pending() {
        return tasks.size();
    }
}
