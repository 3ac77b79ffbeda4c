package dev.jwkgate.source.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The unknown-kid brake on its own: one refresh per cooldown, its join window, bounded memory of unknown kids. */
class UnknownKidRefreshTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final UnknownKidRefresh gate = new UnknownKidRefresh(Duration.ofSeconds(30), Duration.ofSeconds(60));

    private void fill(Instant at) {
        for (int i = 0; i < UnknownKidRefresh.MAX_REMEMBERED; i++) {
            gate.remember("forged-" + i, at, true);
        }
    }

    @Test
    void grantsOneRefreshPerCooldown() {
        assertThat(gate.tryClaimRefresh(T0)).isTrue();
        assertThat(gate.tryClaimRefresh(T0.plusSeconds(29))).isFalse();
        assertThat(gate.tryClaimRefresh(T0.plusSeconds(30))).isTrue();
    }

    @Test
    void opensTheJoinWindowOnlyWhenARefreshIsClaimed() {
        assertThat(gate.joinNanosLeft()).isLessThanOrEqualTo(0);

        gate.tryClaimRefresh(T0);

        // a 60 s window: generous against a loaded machine, and far from the 0 it started at
        assertThat(gate.joinNanosLeft()).isGreaterThan(Duration.ofSeconds(30).toNanos());
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
        fill(T0);

        assertThat(gate.remember("one-too-many", T0, true)).isFalse();
        assertThat(gate.isKnownUnknown("one-too-many", T0)).isFalse();
    }

    @Test
    void staysBoundedUnderAFloodOfForgedKids() {
        fill(T0);

        for (int i = 0; i < 50_000; i++) {
            gate.remember("flood-" + i, T0.plusSeconds(i % 30), false);
        }

        assertThat(gate.size()).isEqualTo(UnknownKidRefresh.MAX_REMEMBERED);
    }

    @Test
    void aRememberedKidIsStillRememberedAfterAFloodOfNewOnes() {
        gate.remember("rotated-away", T0, true);
        fill(T0);

        for (int i = 0; i < 50_000; i++) {
            gate.remember("flood-" + i, T0.plusSeconds(10), false);
        }

        assertThat(gate.isKnownUnknown("rotated-away", T0.plusSeconds(10))).isTrue();
    }

    @Test
    void makesRoomOnceRememberedKidsExpire() {
        fill(T0);

        assertThat(gate.remember("later", T0.plusSeconds(30), true)).isTrue();
        assertThat(gate.isKnownUnknown("later", T0.plusSeconds(30))).isTrue();
    }

    @Test
    void dropsOnlyTheExpiredKidsToMakeRoom() {
        gate.remember("early", T0, true);
        for (int i = 1; i < UnknownKidRefresh.MAX_REMEMBERED; i++) {
            gate.remember("forged-" + i, T0.plusSeconds(10), true);
        }

        assertThat(gate.remember("later", T0.plusSeconds(30), true)).isTrue();
        assertThat(gate.isKnownUnknown("forged-1", T0.plusSeconds(30))).isTrue();
        assertThat(gate.remember("one-more", T0.plusSeconds(30), true)).isFalse();
    }

    @Test
    void aKidConfirmedLaterIsRememberedForAFullCooldownFromItsConfirmation() {
        gate.remember("x", T0, false);
        gate.remember("x", T0.plusSeconds(20), true);

        assertThat(gate.isKnownUnknown("x", T0.plusSeconds(49))).isTrue();
    }
}
