package dev.jwkgate.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default listener: one log line per event on logger {@code dev.jwkgate.audit}. */
public final class Slf4jAuditListener implements AuditListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.jwkgate.audit");

    @Override
    public void onEvent(AuditEvent event) {
        switch (event.type()) {
            case KEY_REFUSED:
            case FETCH_FAILED:
            case SOURCE_STALE:
                LOG.warn("{}", event);
                break;
            case SOURCE_UNAVAILABLE:
                LOG.error("{}", event);
                break;
            default:
                LOG.info("{}", event);
        }
    }
}
