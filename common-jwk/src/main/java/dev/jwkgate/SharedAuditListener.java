package dev.jwkgate;

import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.audit.Slf4jAuditListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The audit listener of a shared source: every configuration using the source registers its listener, and
 * events go to each distinct one. SLF4J listeners that write alike (same format) are kept once (each adapter builds
 * its own, and a shared source must not log every line twice). The number of listeners is bounded so that
 * configurations rebuilt over and over cannot grow it without end.
 */
final class SharedAuditListener implements AuditListener {

    static final int MAX_LISTENERS = 32;

    private final List<AuditListener> listeners = new CopyOnWriteArrayList<>();

    synchronized void add(AuditListener listener) {
        if (listener == AuditListener.NONE || listeners.contains(listener) || listeners.size() >= MAX_LISTENERS) {
            return;
        }
        if (listener instanceof Slf4jAuditListener && listeners.stream().anyMatch(l -> l instanceof Slf4jAuditListener
                && ((Slf4jAuditListener) l).writesLike((Slf4jAuditListener) listener))) {
            return;
        }
        listeners.add(listener);
    }

    /** How many listeners receive events. */
    int size() {
        return listeners.size();
    }

    @Override
    public void onEvent(AuditEvent event) {
        for (AuditListener listener : listeners) {
            listener.onEvent(event);
        }
    }
}
