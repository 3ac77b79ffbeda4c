package dev.jwkgate.source;

import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeyOrigin;
import dev.jwkgate.keys.KeySetRejectedException;
import java.time.Instant;

/**
 * Turns JWKS text into trusted keys; the seam between fetching a set and deciding which of its keys to trust.
 *
 * <p>Sources never parse keys themselves, so every set, static or remote, passes the one ingestion policy
 * ({@code KeyIngestionPolicy::ingest} in production).
 */
@FunctionalInterface
public interface JwksParser {

    /**
     * @throws KeySetRejectedException when the set as a whole is unacceptable (the caller keeps its old set)
     */
    IngestedKeySet parse(String jwksJson, KeyOrigin origin, Instant loadedAt) throws KeySetRejectedException;
}
