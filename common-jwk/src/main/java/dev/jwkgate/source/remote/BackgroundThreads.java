package dev.jwkgate.source.remote;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM-wide daemon threads of remote sources: one timer thread that only dispatches, and a pool that
 * runs fetches. Daemon threads never keep a gateway or a test JVM alive; the pool grows to at most one
 * thread per source with a fetch in flight (single-flight) and shrinks when idle.
 */
public final class BackgroundThreads {

    private static final ScheduledThreadPoolExecutor TIMER = timer();
    private static final ThreadPoolExecutor FETCHES = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
            60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("jwkgate-jwks-fetch"));

    private static final RefreshScheduler SCHEDULER = (task, delay) -> {
        ScheduledFuture<?> future = TIMER.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    };

    private BackgroundThreads() {
    }

    public static RefreshScheduler scheduler() {
        return SCHEDULER;
    }

    public static Executor fetchExecutor() {
        return FETCHES;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("jwkgate-jwks-refresh"));
        timer.setRemoveOnCancelPolicy(true); // closed sources must not leave their tasks behind
        return timer;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
