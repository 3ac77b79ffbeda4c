package dev.jwkgate.source.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** At most one load in flight: later callers join it; once it ended, the next caller starts another. */
class SingleFlightTest {

    /** Runs tasks only when told to, so a load can be held in flight. */
    private static final class HeldExecutor implements java.util.concurrent.Executor {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            held.add(task);
        }

        void runAll() {
            List<Runnable> tasks = new ArrayList<>(held);
            held.clear();
            tasks.forEach(Runnable::run);
        }
    }

    private final HeldExecutor executor = new HeldExecutor();
    private final SingleFlight flight = new SingleFlight(executor);
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void callersWhileALoadIsInFlightJoinIt() {
        CompletableFuture<Void> first = flight.run(loads::incrementAndGet);
        CompletableFuture<Void> second = flight.run(loads::incrementAndGet);

        assertThat(second).isSameAs(first);
        assertThat(flight.running()).isSameAs(first);
        executor.runAll();
        assertThat(loads).hasValue(1);
        assertThat(first).isCompleted();
    }

    @Test
    void aCallerAfterTheLoadEndedStartsANewOne() {
        flight.run(loads::incrementAndGet);
        executor.runAll();

        CompletableFuture<Void> next = flight.run(loads::incrementAndGet);
        executor.runAll();

        assertThat(loads).hasValue(2);
        assertThat(next).isCompleted();
        assertThat(flight.running()).isNull();
    }

    @Test
    void aLoadThatThrowsStillEndsItsFlight() {
        CompletableFuture<Void> failing = flight.run(() -> {
            throw new IllegalStateException("boom");
        });

        try {
            executor.runAll();
        } catch (IllegalStateException expected) {
            // the executor's thread sees the exception; the flight must end anyway
        }

        assertThat(failing).isCompletedWithValue(null);
        assertThat(flight.running()).isNull();
    }

    @Test
    void aRejectedLoadEndsAtOnceSoNoCallerWaitsForIt() {
        SingleFlight rejecting = new SingleFlight(task -> {
            throw new RejectedExecutionException("shut down");
        });

        CompletableFuture<Void> load = rejecting.run(loads::incrementAndGet);

        assertThat(load).isCompletedWithValue(null);
        assertThat(rejecting.running()).isNull();
        assertThat(loads).hasValue(0);
    }
}
