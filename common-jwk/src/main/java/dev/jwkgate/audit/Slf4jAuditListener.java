package dev.jwkgate.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The default listener: one log line per event on logger {@code dev.jwkgate.audit}, at {@link #level}. */
public final class Slf4jAuditListener implements AuditListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.jwkgate.audit");

    @Override
    public void onEvent(AuditEvent event) {
        LOG.atLevel(level(event)).log("{}", event);
    }

    /**
     * WARN for what an operator should look at, ERROR when no key set is left, INFO for the rest, a refused
     * encryption key included: an identity provider's set normally holds one (Keycloak publishes an RSA-OAEP
     * key in every realm).
     */
    static Level level(AuditEvent event) {
        switch (event.type()) {
            case KEY_REFUSED:
                return Boolean.TRUE.equals(event.attribute("encryption_key")) ? Level.INFO : Level.WARN;
            case FETCH_FAILED:
            case SOURCE_STALE:
                return Level.WARN;
            case SOURCE_UNAVAILABLE:
                return Level.ERROR;
            default:
                return Level.INFO;
        }
    }
}
