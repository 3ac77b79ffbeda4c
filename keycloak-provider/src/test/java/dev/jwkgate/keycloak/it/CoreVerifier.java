package dev.jwkgate.keycloak.it;

import dev.jwkgate.JwkGate;
import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.result.ValidationResult;

/**
 * Verifies a token the way a jwkgate gateway would: common-jwk, discovery from the realm's issuer,
 * the realm's real JWKS. Each call starts from an empty key cache, so it sees the JWKS as it is now.
 */
public final class CoreVerifier {

    private CoreVerifier() {
    }

    public static ValidationResult verify(String issuer, String token) {
        // a generous first-load wait: discovery plus the JWKS fetch from a Keycloak on a loaded machine can
        // take longer than the 1 s a gateway request should wait, and this verifier checks keys, not latency
        JwkGateConfig config = JwkGateConfig.builder().issuer(issuer).discovery(true)
                .set(dev.jwkgate.config.Setting.FIRST_LOAD_WAIT_MS, 15_000).build();
        return JwkGate.builder(config).sources(new KeySourceRegistry()).build().validate(token);
    }
}
