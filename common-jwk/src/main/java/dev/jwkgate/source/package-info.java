/**
 * Where an issuer's keys come from, and how they are kept fresh through rotations and outages.
 *
 * <p>Layers, inside out: {@code http.JsonDocumentFetcher} (one GET under the transport rules) →
 * {@code remote.JwksUriLoader} (fetch, {@link dev.jwkgate.source.JwksParser ingest}, TTL), optionally behind
 * {@code remote.OidcDiscoveryLoader} → {@code remote.RemoteKeySetSource} (cache, refresh ahead,
 * single-flight, unknown-kid gate, stale-if-error, health and audit). Static sets live in {@code local}.
 * {@link dev.jwkgate.source.KeySourceRegistry} assembles them from a configuration and shares remote ones.
 */
package dev.jwkgate.source;
