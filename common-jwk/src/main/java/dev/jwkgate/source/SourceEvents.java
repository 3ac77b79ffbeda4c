package dev.jwkgate.source;

import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.audit.LogText;
import dev.jwkgate.keys.KeyRefusal;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.keys.TrustedKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The audit events of one key source, built in one place so every source reports the same attributes.
 * Events carry kids, thumbprints and reasons, never key material or request headers.
 */
public final class SourceEvents {

    private final AuditListener listener;
    private final Clock clock;
    private final Supplier<String> source;
    /** The encryption keys (kid and kty) already reported, among those the latest set still holds. */
    private final Set<String> reportedEncryptionKeys = ConcurrentHashMap.newKeySet();

    /** @param source the location the events are about, asked at each event (discovery can move it) */
    public SourceEvents(AuditListener listener, Clock clock, Supplier<String> source) {
        this.listener = Objects.requireNonNull(listener);
        this.clock = Objects.requireNonNull(clock);
        this.source = Objects.requireNonNull(source);
    }

    /**
     * KEY_SET_LOADED with {@code keys}, {@code added}, {@code removed} (and {@code replaced}: same kid, other key)
     * when the set differs from {@code previous} (null: first load); KEY_REFUSED for each refusal when the
     * refusals differ from the previous load's. An unchanged refresh says nothing: one every few minutes per
     * source would bury the events that matter.
     */
    public void loaded(KeySet previous, List<KeyRefusal> previousRefusals, KeySet next, List<KeyRefusal> refusals) {
        Map<String, String> before = identities(previous);
        Map<String, String> after = identities(next);
        if (previous == null || !before.equals(after)) {
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> replaced = new ArrayList<>();
            after.forEach((id, print) -> {
                if (!before.containsKey(id)) {
                    added.add(id);
                } else if (!before.get(id).equals(print)) {
                    replaced.add(id);
                }
            });
            before.keySet().stream().filter(id -> !after.containsKey(id)).forEach(removed::add);
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("keys", List.copyOf(after.keySet()));
            attributes.put("added", added);
            attributes.put("removed", removed);
            if (!replaced.isEmpty()) {
                attributes.put("replaced", replaced);
            }
            emit(AuditEventType.KEY_SET_LOADED, attributes);
        }
        if (previousRefusals == null || !previousRefusals.equals(refusals)) {
            refused(refusals);
        }
        // an encryption key the set no longer holds is forgotten, so the memory stays as small as the set
        Set<String> published = refusals.stream().filter(KeyRefusal::encryptionKey).map(SourceEvents::identity)
                .collect(Collectors.toSet());
        reportedEncryptionKeys.retainAll(published);
    }

    /**
     * KEY_REFUSED for each refusal. A key published for encryption ({@code use: enc}) is reported once per kid
     * while its set keeps it, with {@code encryption_key=true}: an IdP's set normally holds one (Keycloak
     * publishes an RSA-OAEP key in every realm), which is no problem to raise at every load.
     */
    public void refused(List<KeyRefusal> refusals) {
        for (KeyRefusal refusal : refusals) {
            if (refusal.encryptionKey() && !reportedEncryptionKeys.add(identity(refusal))) {
                continue;
            }
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("kid", LogText.escape(refusal.keyId()));
            attributes.put("kty", LogText.escape(refusal.kty()));
            attributes.put("why", refusal.why());
            attributes.put("leak", refusal.leak());
            if (refusal.encryptionKey()) {
                attributes.put("encryption_key", true);
            }
            emit(AuditEventType.KEY_REFUSED, attributes);
        }
    }

    public void fetchFailed(String why) {
        emit(AuditEventType.FETCH_FAILED, Map.of("why", why));
    }

    public void stale(Instant since) {
        emit(AuditEventType.SOURCE_STALE, Map.of("since", since));
    }

    public void recovered() {
        emit(AuditEventType.SOURCE_RECOVERED, Map.of());
    }

    public void unavailable(String why) {
        emit(AuditEventType.SOURCE_UNAVAILABLE, Map.of("why", why));
    }

    /** The kid comes from an untrusted token: shown escaped and cut by {@link LogText} (log forging). */
    public void unknownKid(String kid, boolean refreshed) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("kid", LogText.escape(kid));
        attributes.put("refreshed", refreshed);
        emit(AuditEventType.UNKNOWN_KID, attributes);
    }

    private void emit(AuditEventType type, Map<String, Object> attributes) {
        listener.onEvent(new AuditEvent(type, clock.instant(), source.get(), attributes));
    }

    private static String identity(KeyRefusal refusal) {
        return refusal.keyId() + " " + refusal.kty();
    }

    /** kid (or "#thumbprint" for a key without kid) to thumbprint, in set order. */
    private static Map<String, String> identities(KeySet set) {
        Map<String, String> ids = new LinkedHashMap<>();
        if (set != null) {
            for (TrustedKey key : set.keys()) {
                String id = key.keyId() == null ? "#" + key.thumbprint() : key.keyId();
                ids.merge(id, key.thumbprint(), (a, b) -> a + "," + b); // one kid may name an RSA and an EC key
            }
        }
        return ids;
    }
}
