package dev.jwkgate;

import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.audit.Slf4jAuditListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit listener of a shared source: every configuration using the source registers its listener, and
 * events go to each distinct one, however many there are: a listener left out would miss its source's
 * FETCH_FAILED and KEY_REFUSED. SLF4J listeners that write alike (the same {@link Slf4jAuditListener#format()})
 * are kept once (each adapter builds its own, and a shared source must not log every line twice).
 *
 * <p>Each {@link #add} is one holder's registration and is undone by one {@link #remove} when that holder
 * releases the source: a listener stays while any holder that added it remains, so configurations that come and
 * go do not make the list grow. A listener that throws is logged and skipped; the others still get the event.
 */
final class SharedAuditListener implements AuditListener {

    private static final Logger LOG = LoggerFactory.getLogger(SharedAuditListener.class);

    /** Read on every event without locking; written under this object's lock. */
    private final List<AuditListener> listeners = new CopyOnWriteArrayList<>();
    /** Holders per distinct listener (see {@link #identity}); guarded by this object's lock. */
    private final Map<Object, Integer> holders = new HashMap<>();

    synchronized void add(AuditListener listener) {
        if (listener == AuditListener.NONE) {
            return;
        }
        if (holders.merge(identity(listener), 1, Integer::sum) == 1) {
            listeners.add(listener);
        }
    }

    /** Undoes one {@link #add} of this listener (or, for SLF4J, of any SLF4J listener of its format); unknown ones are ignored. */
    synchronized void remove(AuditListener listener) {
        Object identity = identity(listener);
        Integer count = holders.get(identity);
        if (count == null) {
            return;
        }
        if (count > 1) {
            holders.put(identity, count - 1);
            return;
        }
        holders.remove(identity);
        listeners.removeIf(registered -> identity(registered).equals(identity));
    }

    /** How many listeners receive events. */
    int size() {
        return listeners.size();
    }

    @Override
    public void onEvent(AuditEvent event) {
        for (AuditListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                // one configuration's broken listener must not blind the others; the event is not repeated here
                LOG.warn("audit listener {} failed on {}: {}", listener.getClass().getName(), event.type(),
                        e.getClass().getName());
            }
        }
    }

    /** What makes two listeners the same one: equality, except that SLF4J listeners of one format are the same. */
    private static Object identity(AuditListener listener) {
        return listener instanceof Slf4jAuditListener ? ((Slf4jAuditListener) listener).format() : listener;
    }
}
