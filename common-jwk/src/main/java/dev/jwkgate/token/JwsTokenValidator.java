package dev.jwkgate.token;

import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.source.KeySetSource;
import java.time.Clock;

/** The core validator: compact JWS parsing, header policy, signature, claims. (Being written.) */
public final class JwsTokenValidator {

    private JwsTokenValidator() {
    }

    public static TokenValidator create(JwkGateConfig config, KeySetSource source, Clock clock, AuditListener audit) {
        throw new UnsupportedOperationException("token validation is being implemented");
    }
}
