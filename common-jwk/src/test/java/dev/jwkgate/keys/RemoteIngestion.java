package dev.jwkgate.keys;

import static dev.jwkgate.keys.support.TestKeys.jwks;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

/** Ingests one JWK as part of a remote set, for the per-family key rule tests. */
final class RemoteIngestion {

    private final KeyIngestionPolicy policy;

    RemoteIngestion(int maxBytes) {
        this.policy = new KeyIngestionPolicy(maxBytes, 100);
    }

    IngestedKeySet ingest(Map<String, Object> jwk) throws KeySetRejectedException {
        return policy.ingest(jwks(jwk), KeyOrigin.REMOTE, Instant.EPOCH);
    }

    /** Why the only key was dropped; fails when it was accepted. */
    String refusal(Map<String, Object> jwk) throws KeySetRejectedException {
        IngestedKeySet result = ingest(jwk);
        assertThat(result.keys().size()).isZero();
        return result.refusals().get(0).why();
    }
}
