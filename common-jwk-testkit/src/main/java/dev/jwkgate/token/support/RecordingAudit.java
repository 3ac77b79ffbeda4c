package dev.jwkgate.token.support;

import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every audit event for assertions. */
public final class RecordingAudit implements AuditListener {

    public final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(AuditEvent event) {
        events.add(event);
    }

    public AuditEvent last() {
        return events.get(events.size() - 1);
    }
}
