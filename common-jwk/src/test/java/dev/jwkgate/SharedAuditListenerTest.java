package dev.jwkgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.audit.AuditLogFormat;
import dev.jwkgate.audit.Slf4jAuditListener;
import dev.jwkgate.source.support.RecordingAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fan-out of a shared source's events to every configuration's listener. */
class SharedAuditListenerTest {

    private static final AuditEvent EVENT = new AuditEvent(AuditEventType.SOURCE_RECOVERED, Instant.EPOCH, "x", Map.of());

    @Test
    void sendsEachEventToEveryDistinctListener() {
        SharedAuditListener shared = new SharedAuditListener();
        RecordingAudit first = new RecordingAudit();
        RecordingAudit second = new RecordingAudit();
        shared.add(first);
        shared.add(second);
        shared.add(first);

        shared.onEvent(EVENT);

        assertThat(first.events()).hasSize(1);
        assertThat(second.events()).hasSize(1);
    }

    @Test
    void keepsOneSlf4jListenerSoASharedSourceLogsEachLineOnce() {
        SharedAuditListener shared = new SharedAuditListener();
        shared.add(new Slf4jAuditListener());
        shared.add(new Slf4jAuditListener());

        assertThat(shared.size()).isEqualTo(1);
    }

    @Test
    void keepsOneSlf4jListenerPerFormat() {
        SharedAuditListener shared = new SharedAuditListener();
        shared.add(new Slf4jAuditListener(AuditLogFormat.JSON, 20, Duration.ofMinutes(1)));
        shared.add(new Slf4jAuditListener(AuditLogFormat.JSON, 5, Duration.ofMinutes(1)));
        shared.add(new Slf4jAuditListener(AuditLogFormat.TEXT, 20, Duration.ofMinutes(1)));

        assertThat(shared.size()).isEqualTo(2);
    }

    @Test
    void sendsEachEventToEveryListenerHoweverManyThereAre() {
        SharedAuditListener shared = new SharedAuditListener();
        List<RecordingAudit> listeners = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            RecordingAudit listener = new RecordingAudit();
            listeners.add(listener);
            shared.add(listener);
        }

        shared.onEvent(EVENT);

        assertThat(listeners).allSatisfy(listener -> assertThat(listener.events()).containsExactly(EVENT));
    }

    @Test
    void aRemovedListenerReceivesNoMoreEvents() {
        SharedAuditListener shared = new SharedAuditListener();
        RecordingAudit leaving = new RecordingAudit();
        RecordingAudit staying = new RecordingAudit();
        shared.add(leaving);
        shared.add(staying);

        shared.remove(leaving);
        shared.onEvent(EVENT);

        assertThat(leaving.events()).isEmpty();
        assertThat(staying.events()).hasSize(1);
        assertThat(shared.size()).isEqualTo(1);
    }

    @Test
    void aListenerAddedByTwoHoldersStaysUntilBothRemoveIt() {
        SharedAuditListener shared = new SharedAuditListener();
        RecordingAudit listener = new RecordingAudit();
        shared.add(listener);
        shared.add(listener);

        shared.remove(listener);
        shared.onEvent(EVENT);
        shared.remove(listener);
        shared.onEvent(EVENT);

        assertThat(listener.events()).hasSize(1);
        assertThat(shared.size()).isZero();
    }

    @Test
    void theOneSlf4jListenerStaysWhileAnyHolderOfOneRemains() {
        SharedAuditListener shared = new SharedAuditListener();
        Slf4jAuditListener first = new Slf4jAuditListener();
        Slf4jAuditListener second = new Slf4jAuditListener();
        shared.add(first);
        shared.add(second);

        shared.remove(first);
        assertThat(shared.size()).isEqualTo(1);
        shared.remove(second);
        assertThat(shared.size()).isZero();
    }

    @Test
    void removingAListenerThatWasNeverAddedChangesNothing() {
        SharedAuditListener shared = new SharedAuditListener();
        RecordingAudit listener = new RecordingAudit();
        shared.add(listener);

        shared.remove(new RecordingAudit());
        shared.remove(AuditListener.NONE);
        shared.onEvent(EVENT);

        assertThat(listener.events()).hasSize(1);
    }

    @Test
    void aFailingListenerDoesNotKeepTheEventFromTheOthers() {
        SharedAuditListener shared = new SharedAuditListener();
        RecordingAudit before = new RecordingAudit();
        RecordingAudit after = new RecordingAudit();
        shared.add(before);
        shared.add(event -> {
            throw new IllegalStateException("listener broken");
        });
        shared.add(after);

        shared.onEvent(EVENT);

        assertThat(before.events()).hasSize(1);
        assertThat(after.events()).hasSize(1);
    }
}
