package dev.jwkgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.audit.AuditLogFormat;
import dev.jwkgate.audit.Slf4jAuditListener;
import dev.jwkgate.source.support.RecordingAudit;
import java.time.Duration;
import java.time.Instant;
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
    void boundsTheNumberOfListeners() {
        SharedAuditListener shared = new SharedAuditListener();
        RecordingAudit late = new RecordingAudit();
        for (int i = 0; i < SharedAuditListener.MAX_LISTENERS; i++) {
            shared.add(new RecordingAudit());
        }
        shared.add(late);

        shared.onEvent(EVENT);

        assertThat(late.events()).isEmpty();
    }
}
