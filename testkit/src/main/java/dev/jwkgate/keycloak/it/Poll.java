package dev.jwkgate.keycloak.it;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for a real server to reach a state; integration tests only (unit tests use a clock). */
public final class Poll {

    private Poll() {
    }

    public static <T> T until(String what, Duration limit, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
