package dev.jwkgate.keys;

import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import java.time.Instant;

/**
 * Decides which keys of a JWKS may verify signatures. A bad key is dropped and reported; it never
 * takes the good keys of its set down. (Being written.)
 */
public final class KeyIngestionPolicy {

    private final int maxBytes;
    private final int maxKeys;

    public KeyIngestionPolicy(int maxBytes, int maxKeys) {
        this.maxBytes = maxBytes;
        this.maxKeys = maxKeys;
    }

    public static KeyIngestionPolicy from(JwkGateConfig config) {
        return new KeyIngestionPolicy(config.integer(Setting.MAX_JWKS_BYTES), config.integer(Setting.MAX_JWKS_KEYS));
    }

    /**
     * @throws KeySetRejectedException when the set as a whole is unacceptable
     */
    public IngestedKeySet ingest(String jwksJson, KeyOrigin origin, Instant loadedAt) throws KeySetRejectedException {
        throw new UnsupportedOperationException("key ingestion is being implemented (limits " + maxBytes + ", " + maxKeys + ")");
    }
}
