package dev.jwkgate.source.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The unknown-kid brake on its own: one refresh per cooldown, bounded memory of unknown kids. */
class UnknownKidGateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final UnknownKidGate gate = new UnknownKidGate(Duration.ofSeconds(30));

    @Test
    void grantsOneRefreshPerCooldown() {
        assertThat(gate.tryClaimRefresh(T0)).isTrue();
        assertThat(gate.tryClaimRefresh(T0.plusSeconds(29))).isFalse();
        assertThat(gate.tryClaimRefresh(T0.plusSeconds(30))).isTrue();
    }

    @Test
    void remembersACheckedKidForTheCooldown() {
        gate.remember("x", T0, true);

        assertThat(gate.isKnownUnknown("x", T0.plusSeconds(29))).isTrue();
        assertThat(gate.isKnownUnknown("x", T0.plusSeconds(30))).isFalse();
    }

    @Test
    void anUncheckedKidIsNotKnownUnknown() {
        gate.remember("x", T0, false);

        assertThat(gate.isKnownUnknown("x", T0)).isFalse();
    }

    @Test
    void reportsAKidOnceUntilAFreshFetchConfirmsIt() {
        assertThat(gate.remember("x", T0, false)).isTrue();
        assertThat(gate.remember("x", T0, false)).isFalse();
        assertThat(gate.remember("x", T0, true)).isTrue();
        assertThat(gate.remember("x", T0, true)).isFalse();
    }

    @Test
    void stopsRememberingNewKidsWhenFull() {
        for (int i = 0; i < UnknownKidGate.MAX_REMEMBERED; i++) {
            gate.remember("forged-" + i, T0, true);
        }

        assertThat(gate.remember("one-too-many", T0, true)).isFalse();
        assertThat(gate.isKnownUnknown("one-too-many", T0)).isFalse();
    }

    @Test
    void makesRoomOnceRememberedKidsExpire() {
        for (int i = 0; i < UnknownKidGate.MAX_REMEMBERED; i++) {
            gate.remember("forged-" + i, T0, true);
        }

        assertThat(gate.remember("later", T0.plusSeconds(30), true)).isTrue();
    }
}
