package dev.jwkgate.source.remote;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * At most one load in flight: a caller either starts it on the fetch executor or joins the one already
 * running. This is what turns N concurrent first requests, or a refresh racing an unknown-kid refresh, into
 * one fetch.
 */
final class SingleFlight {

    private final Executor executor;
    private CompletableFuture<Void> inFlight; // guarded by this

    SingleFlight(Executor executor) {
        this.executor = executor;
    }

    /** Starts {@code load} unless one is running; the future completes when the load (started or joined) ends. */
    CompletableFuture<Void> run(Runnable load) {
        CompletableFuture<Void> mine;
        synchronized (this) {
            if (inFlight != null) {
                return inFlight;
            }
            mine = new CompletableFuture<>();
            inFlight = mine;
        }
        try {
            executor.execute(() -> {
                try {
                    load.run();
                } finally {
                    finish(mine);
                }
            });
        } catch (RejectedExecutionException e) {
            finish(mine);
        }
        return mine;
    }

    /** The load in flight, or null when none is. */
    synchronized CompletableFuture<Void> running() {
        return inFlight;
    }

    private void finish(CompletableFuture<Void> flight) {
        synchronized (this) {
            if (inFlight == flight) {
                inFlight = null;
            }
        }
        flight.complete(null);
    }
}
