package dev.jwkgate.source.remote;

import java.time.Duration;

/**
 * Runs a source's next background refresh after a delay. Injectable so tests can run "the refresh due now"
 * deterministically; the production one is {@link BackgroundThreads#scheduler()}.
 *
 * <p>Tasks must be quick: they only hand the fetch to the fetch executor.
 */
@FunctionalInterface
public interface RefreshScheduler {

    /** Runs {@code task} once after {@code delay}; the handle cancels it. */
    Cancellable schedule(Runnable task, Duration delay);

    /** Cancels a scheduled task; cancelling twice or after it ran does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
