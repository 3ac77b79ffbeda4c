package dev.jwkgate.audit;

/**
 * A request an audit event can name by the gateway's own id, so an operator can join a refusal to the gateway's
 * access log: Kong's {@code $kong_request_id} (its {@code X-Kong-Request-Id}), APISIX's {@code X-Request-Id}.
 */
public interface CorrelatedRequest {

    /**
     * The gateway's id of this request, or null when it has none. Asked only while the event is being written, on
     * the thread deciding the request, and only for a line that is written: it may cost a round trip to the gateway.
     * The value is treated as untrusted text (escaped and cut like any other).
     */
    String requestId();
}
