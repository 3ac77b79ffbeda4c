package dev.jwkgate.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One security-relevant event. Attributes never hold a token, a signature or key material:
 * a token appears at most as a {@link TokenFingerprint}.
 *
 * @param source  the key source location or issuer the event is about
 * @param request the gateway request the event is about, or null (source events, the library)
 */
public record AuditEvent(AuditEventType type, Instant at, String source, Map<String, Object> attributes,
                         CorrelatedRequest request) {

    public AuditEvent {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** An event about no particular request. */
    public AuditEvent(AuditEventType type, Instant at, String source, Map<String, Object> attributes) {
        this(type, at, source, attributes, null);
    }

    /**
     * A refused token: its reason code, the refusal's message and the token's {@link TokenFingerprint} (or
     * {@code none}). The one shape of {@link AuditEventType#TOKEN_REFUSED}, whoever refuses.
     */
    public static AuditEvent tokenRefused(Instant at, String issuer, String reasonCode, String message,
                                          String tokenFingerprint, CorrelatedRequest request) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("reason", reasonCode);
        attributes.put("message", message);
        attributes.put("token", tokenFingerprint);
        return new AuditEvent(AuditEventType.TOKEN_REFUSED, at, issuer, attributes, request);
    }

    /**
     * The gateway's id of the request, escaped and cut by {@link LogText} (a header a client may have sent); null
     * when there is none. Ask it only inside {@link AuditListener#onEvent}: it may call the gateway.
     */
    public String requestId() {
        String id = request == null ? null : request.requestId();
        return id == null || id.isEmpty() ? null : LogText.escape(id);
    }

    public Object attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String toString() {
        return type + " source=" + source + " " + attributes;
    }
}
