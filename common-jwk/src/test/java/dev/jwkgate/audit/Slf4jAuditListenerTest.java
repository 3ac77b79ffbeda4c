package dev.jwkgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** How loud each audit event is in the log. */
class Slf4jAuditListenerTest {

    private static AuditEvent event(AuditEventType type, Map<String, Object> attributes) {
        return new AuditEvent(type, Instant.EPOCH, "https://idp.example/certs", attributes);
    }

    @Test
    void aRefusedSigningKeyIsAWarning() {
        assertThat(Slf4jAuditListener.level(event(AuditEventType.KEY_REFUSED, Map.of("kid", "k1", "leak", false))))
                .isEqualTo(Level.WARN);
    }

    @Test
    void aRefusedEncryptionKeyIsInformation() {
        assertThat(Slf4jAuditListener.level(event(AuditEventType.KEY_REFUSED,
                Map.of("kid", "enc-1", "leak", false, "encryption_key", true)))).isEqualTo(Level.INFO);
    }

    @Test
    void noKeySetLeftIsAnError() {
        assertThat(Slf4jAuditListener.level(event(AuditEventType.SOURCE_UNAVAILABLE, Map.of("why", "down"))))
                .isEqualTo(Level.ERROR);
    }

    @Test
    void failingFetchesAreWarnings() {
        assertThat(Slf4jAuditListener.level(event(AuditEventType.FETCH_FAILED, Map.of("why", "timeout")))).isEqualTo(Level.WARN);
        assertThat(Slf4jAuditListener.level(event(AuditEventType.SOURCE_STALE, Map.of()))).isEqualTo(Level.WARN);
    }

    @Test
    void aLoadedSetIsInformation() {
        assertThat(Slf4jAuditListener.level(event(AuditEventType.KEY_SET_LOADED, Map.of()))).isEqualTo(Level.INFO);
    }
}
