package dev.jwkgate.source;

import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.JwkGateConfig;
import java.time.Clock;

/**
 * Builds key sources from configurations and shares them: two configurations naming the same
 * {@code jwks_uri} (or issuer, with discovery) and fetch settings get one cache and one refresher. (Being written.)
 */
public final class KeySetSources {

    private static final KeySetSources SHARED = new KeySetSources();

    public static KeySetSources shared() {
        return SHARED;
    }

    public KeySetSource sourceFor(JwkGateConfig config, Clock clock, AuditListener audit) {
        throw new UnsupportedOperationException("key sources are being implemented");
    }
}
