package dev.jwkgate.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeyIngestionPolicy;
import dev.jwkgate.keys.KeyOrigin;
import dev.jwkgate.source.support.RecordingAudit;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.source.support.TestJwks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/** What a key source reports about the keys it refuses, as a Keycloak realm's set exercises it. */
class SourceEventsTest {

    private final RecordingAudit audit = new RecordingAudit();
    private final SourceEvents events = new SourceEvents(audit, new TestClock(), () -> "https://idp.example/certs");
    private IngestedKeySet last;

    /** A signing key, and each named key published as Keycloak publishes its RSA-OAEP key: {@code use: enc}. */
    private void load(List<String> encryptionKids, String... otherKids) throws Exception {
        List<Map<String, Object>> keys = new ArrayList<>();
        keys.add(TestJwks.publicJwk("sig-1"));
        for (String kid : encryptionKids) {
            Map<String, Object> enc = new LinkedHashMap<>(TestJwks.publicJwk(kid));
            enc.put("use", "enc");
            enc.remove("alg");
            keys.add(enc);
        }
        for (String kid : otherKids) {
            Map<String, Object> unusable = new LinkedHashMap<>(TestJwks.publicJwk(kid));
            unusable.put("key_ops", List.of("encrypt"));
            unusable.remove("use");
            keys.add(unusable);
        }
        IngestedKeySet next = new KeyIngestionPolicy(65_536, 100)
                .ingest(JsonUtil.toJson(Map.of("keys", keys)), KeyOrigin.REMOTE, Instant.EPOCH);
        events.loaded(last == null ? null : last.keys(), last == null ? null : last.refusals(), next.keys(),
                next.refusals());
        last = next;
    }

    private List<Object> refusedKids() {
        return audit.ofType(AuditEventType.KEY_REFUSED).stream().map(e -> e.attribute("kid")).toList();
    }

    @Test
    void marksARefusedEncryptionKeyAsSuch() throws Exception {
        load(List.of("enc-1"), "ops-1");

        AuditEvent encryption = audit.ofType(AuditEventType.KEY_REFUSED).get(0);
        assertThat(encryption.attribute("kid")).isEqualTo("enc-1");
        assertThat(encryption.attribute("encryption_key")).isEqualTo(true);
        assertThat(encryption.attribute("why").toString()).contains("use is 'enc'");
        AuditEvent other = audit.ofType(AuditEventType.KEY_REFUSED).get(1);
        assertThat(other.attribute("kid")).isEqualTo("ops-1");
        assertThat(other.attribute("encryption_key")).isNull();
    }

    @Test
    void reportsAnEncryptionKeyOnceWhileItsSetKeepsItEvenWhenOtherRefusalsChange() throws Exception {
        load(List.of("enc-1"));
        load(List.of("enc-1"), "ops-1");
        load(List.of("enc-1"), "ops-1", "ops-2");

        assertThat(refusedKids()).containsExactly("enc-1", "ops-1", "ops-1", "ops-2");
    }

    @Test
    void reportsEachNewEncryptionKeyOnce() throws Exception {
        load(List.of("enc-1"));
        load(List.of("enc-1", "enc-2"));

        assertThat(refusedKids()).containsExactly("enc-1", "enc-2");
    }

    @Test
    void reportsAnEncryptionKeyAgainWhenItComesBackAfterLeavingTheSet() throws Exception {
        load(List.of("enc-1"));
        load(List.of());
        load(List.of("enc-1"));

        assertThat(refusedKids()).containsExactly("enc-1", "enc-1");
    }

    @Test
    void aFailedLoadRepeatsNoEncryptionKeyAlreadyReported() throws Exception {
        load(List.of("enc-1"));
        events.refused(last.refusals()); // what a load of a set without a usable key reports

        assertThat(refusedKids()).containsExactly("enc-1");
    }
}
