/**
 * Where an issuer's keys come from, and how they are kept fresh through rotations and outages.
 *
 * <p>Layers, inside out: {@code http.JsonDocumentFetcher} (one GET under the transport rules and
 * {@code dev.jwkgate.net.UrlRules}) → {@code remote.JwksUriLoader} (fetch,
 * {@link dev.jwkgate.source.JwksParser ingest}, TTL), optionally behind {@code remote.OidcDiscoveryLoader} →
 * {@code remote.RemoteKeySetSource} (composed of {@code KeySetCache}, {@code RefreshSchedule},
 * {@code SingleFlight}, {@code UnknownKidRefresh} and {@code HealthTracker}). Static sets live in {@code local}.
 * These packages never read a configuration: {@code dev.jwkgate.SourceSettings} turns one into their settings,
 * and {@code dev.jwkgate.KeySourceRegistry} builds sources from it and shares remote ones.
 */
package dev.jwkgate.source;
