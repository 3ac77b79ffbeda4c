package dev.jwkgate.source.support;

import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.audit.AuditListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Keeps every audit event for assertions. */
public final class RecordingAudit implements AuditListener {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public List<AuditEvent> ofType(AuditEventType type) {
        return events.stream().filter(e -> e.type() == type).collect(Collectors.toList());
    }

    public AuditEvent last(AuditEventType type) {
        List<AuditEvent> matching = ofType(type);
        if (matching.isEmpty()) {
            throw new AssertionError("no " + type + " event among " + events);
        }
        return matching.get(matching.size() - 1);
    }

    public void clear() {
        events.clear();
    }
}
