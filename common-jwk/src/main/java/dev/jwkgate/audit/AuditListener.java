package dev.jwkgate.audit;

/** Receives audit events; implementations must be thread-safe and must not block. */
@FunctionalInterface
public interface AuditListener {

    void onEvent(AuditEvent event);

    /** Discards events. */
    AuditListener NONE = event -> { };

    /** Sends each event to this listener, then to {@code next}. */
    default AuditListener andThen(AuditListener next) {
        return event -> {
            onEvent(event);
            next.onEvent(event);
        };
    }
}
