package dev.jwkgate.source;

import java.time.Instant;

/**
 * A point-in-time view of one shared key source, for adapters' status pages; never holds key material.
 *
 * @param issuer      the issuer the source serves
 * @param location    where its keys come from (URL without credentials or query)
 * @param health      HEALTHY, STALE or UNAVAILABLE
 * @param keyCount    keys in the current set, 0 when none is loaded
 * @param loadedAt    when the current set was fetched, null when none is loaded
 * @param expiresAt   when the current set's TTL ends, null when none is loaded
 * @param lastFailure why the last fetch failed, null when it succeeded
 */
public record SourceStatus(String issuer, String location, SourceHealth health, int keyCount, Instant loadedAt,
                           Instant expiresAt, String lastFailure) {
}
