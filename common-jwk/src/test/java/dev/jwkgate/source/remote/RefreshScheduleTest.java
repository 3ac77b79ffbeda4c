package dev.jwkgate.source.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.source.support.ManualScheduler;
import dev.jwkgate.source.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When a remote source fetches next: refresh ahead of the TTL, backoff after failures, one pending refresh. */
class RefreshScheduleTest {

    private static final Duration COOLDOWN = Duration.ofSeconds(30);

    private final TestClock clock = new TestClock();
    private final ManualScheduler timer = new ManualScheduler(clock);
    private final AtomicInteger refreshes = new AtomicInteger();

    private RefreshSchedule schedule(double jitter) {
        return new RefreshSchedule(timer, refreshes::incrementAndGet, COOLDOWN, () -> jitter);
    }

    @Test
    void refreshesAheadAtSeventyFiveToEightyFivePercentOfTheTtl() {
        assertThat(schedule(0.0).refreshAhead(Duration.ofSeconds(100))).isEqualTo(Duration.ofSeconds(75));
        assertThat(schedule(0.5).refreshAhead(Duration.ofSeconds(100))).isEqualTo(Duration.ofSeconds(80));
        assertThat(schedule(0.999).refreshAhead(Duration.ofSeconds(100))).isLessThan(Duration.ofSeconds(85));
    }

    @Test
    void neverRefreshesAheadSoonerThanASecondUnlessTheTtlIsShorter() {
        assertThat(schedule(0.0).refreshAhead(Duration.ofMillis(1_200))).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule(0.0).refreshAhead(Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aSourceThatNeverLoadedRetriesAfterOneTwoFourSecondsUpToTheCooldown() {
        RefreshSchedule schedule = schedule(0.5);
        Instant now = clock.instant();

        assertThat(schedule.retryAfter(null, now, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.retryAfter(null, now, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.retryAfter(null, now, 3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(schedule.retryAfter(null, now, 6)).isEqualTo(COOLDOWN);
        assertThat(schedule.retryAfter(null, now, 1_000)).isEqualTo(COOLDOWN);
    }

    @Test
    void aLoadedSourceRetriesBeforeItsSetExpires() {
        Instant now = clock.instant();

        assertThat(schedule(0.5).retryAfter(now.plusSeconds(12), now, 1)).isEqualTo(Duration.ofSeconds(12));
        assertThat(schedule(0.5).retryAfter(now.plusSeconds(600), now, 1)).isEqualTo(COOLDOWN);
    }

    @Test
    void anExpiredSourceRetriesAfterTheCooldownAndNoRetryIsSoonerThanASecond() {
        Instant now = clock.instant();

        assertThat(schedule(0.5).retryAfter(now.minusSeconds(5), now, 7)).isEqualTo(COOLDOWN);
        assertThat(schedule(0.5).retryAfter(now.plusMillis(200), now, 1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aNewScheduleReplacesThePendingRefresh() {
        RefreshSchedule schedule = schedule(0.5);

        schedule.next(Duration.ofSeconds(80));
        schedule.next(Duration.ofSeconds(5));

        assertThat(timer.pendingDelay()).contains(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(80));
        assertThat(timer.runDue()).isEqualTo(1);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void closingCancelsThePendingRefreshAndSchedulesNoOther() {
        RefreshSchedule schedule = schedule(0.5);
        schedule.next(Duration.ofSeconds(5));

        schedule.close();
        schedule.next(Duration.ofSeconds(5));

        assertThat(timer.pending()).isZero();
    }
}
