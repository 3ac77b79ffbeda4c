package dev.jwkgate.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One security-relevant event. Attributes never hold a token, a signature or key material:
 * a token appears at most as a {@link TokenFingerprint}.
 *
 * @param source the key source location or issuer the event is about
 */
public record AuditEvent(AuditEventType type, Instant at, String source, Map<String, Object> attributes) {

    public AuditEvent {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public Object attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String toString() {
        return type + " source=" + source + " " + attributes;
    }
}
