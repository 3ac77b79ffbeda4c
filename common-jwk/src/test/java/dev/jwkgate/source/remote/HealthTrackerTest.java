package dev.jwkgate.source.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.source.SourceEvents;
import dev.jwkgate.source.support.RecordingAudit;
import dev.jwkgate.source.support.TestClock;
import org.junit.jupiter.api.Test;

/** Health changes are reported once each, and recovery only after something was reported. */
class HealthTrackerTest {

    private final TestClock clock = new TestClock();
    private final RecordingAudit audit = new RecordingAudit();
    private final HealthTracker health = new HealthTracker(new SourceEvents(audit, clock, () -> "test"));

    private java.util.List<AuditEventType> types() {
        return audit.events().stream().map(AuditEvent::type).toList();
    }

    @Test
    void reportsStaleOnceHoweverManyFetchesFail() {
        health.stale(clock.instant());
        health.stale(clock.instant());

        assertThat(types()).containsExactly(AuditEventType.SOURCE_STALE);
    }

    @Test
    void reportsUnavailableOnceWithItsFirstReason() {
        health.unavailable("first");
        health.unavailable("second");

        assertThat(types()).containsExactly(AuditEventType.SOURCE_UNAVAILABLE);
        assertThat(audit.last(AuditEventType.SOURCE_UNAVAILABLE).attribute("why")).isEqualTo("first");
    }

    @Test
    void aLoadAfterNothingWasReportedSaysNothing() {
        health.loaded();

        assertThat(types()).isEmpty();
    }

    @Test
    void aLoadAfterStaleOrUnavailableReportsRecoveryOnceAndArmsBothAgain() {
        health.stale(clock.instant());
        health.unavailable("expired");

        health.loaded();
        health.loaded();
        health.stale(clock.instant());

        assertThat(types()).containsExactly(AuditEventType.SOURCE_STALE, AuditEventType.SOURCE_UNAVAILABLE,
                AuditEventType.SOURCE_RECOVERED, AuditEventType.SOURCE_STALE);
    }
}
