package dev.jwkgate.source.remote;

import dev.jwkgate.source.SourceEvents;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reports a remote source's health changes once each: SOURCE_STALE when it starts serving an old set,
 * SOURCE_UNAVAILABLE when it has no usable set, SOURCE_RECOVERED when a load succeeds after either. A failing
 * source is retried every few seconds; an event per attempt would bury the one that matters.
 */
final class HealthTracker {

    private final SourceEvents events;
    private final AtomicBoolean staleReported = new AtomicBoolean();
    private final AtomicBoolean unavailableReported = new AtomicBoolean();

    HealthTracker(SourceEvents events) {
        this.events = events;
    }

    void stale(Instant since) {
        if (!staleReported.getAndSet(true)) {
            events.stale(since);
        }
    }

    void unavailable(String why) {
        if (!unavailableReported.getAndSet(true)) {
            events.unavailable(why);
        }
    }

    /** A load succeeded: SOURCE_RECOVERED when stale or unavailable was reported, and both may be reported again. */
    void loaded() {
        boolean wasReported = staleReported.getAndSet(false);
        wasReported |= unavailableReported.getAndSet(false);
        if (wasReported) {
            events.recovered();
        }
    }
}
