package dev.jwkgate.keycloak.it;

import dev.jwkgate.JwkGate;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.source.KeySetSources;

/**
 * Verifies a token the way a jwkgate gateway would: common-jwk, discovery from the realm's issuer,
 * the realm's real JWKS. Each call starts from an empty key cache, so it sees the JWKS as it is now.
 */
public final class CoreVerifier {

    private CoreVerifier() {
    }

    public static ValidationResult verify(String issuer, String token) {
        JwkGateConfig config = JwkGateConfig.builder().issuer(issuer).discovery(true).build();
        return JwkGate.builder(config).sources(new KeySetSources()).build().validate(token);
    }
}
