package dev.jwkgate.token;

import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every audit event for assertions. */
final class RecordingAudit implements AuditListener {

    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(AuditEvent event) {
        events.add(event);
    }

    AuditEvent last() {
        return events.get(events.size() - 1);
    }
}
