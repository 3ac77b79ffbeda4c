package dev.jwkgate.source.remote;

import dev.jwkgate.source.JwksParser;
import dev.jwkgate.source.http.HttpFetchSettings;
import dev.jwkgate.source.http.JsonDocumentFetcher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a remote key source needs to know, read from a configuration once: where the keys are (a
 * {@code jwks_uri}, or the issuer's discovery document), how to fetch them, how long to keep them and how to
 * behave through rotations and outages.
 *
 * @param issuer             the issuer the keys belong to; with discovery, also where the discovery document is
 * @param jwksUri            the configured {@code jwks_uri}, or null to discover it
 * @param fetch              transport rules for every request
 * @param ttl                how long a fetched set is fresh
 * @param cache              cooldown, max stale and first-load wait
 * @param rediscoverInterval how often the discovery document is read again while all is well
 * @param maxJsonDepth       the nesting limit for the discovery document
 */
public record RemoteSourceSettings(String issuer, URI jwksUri, HttpFetchSettings fetch, CacheTtlPolicy ttl,
                                   CacheSettings cache, Duration rediscoverInterval, int maxJsonDepth) {

    public RemoteSourceSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(rediscoverInterval, "rediscoverInterval");
    }

    /**
     * The loader these settings name: the JWKS URL, or OIDC discovery in front of the one it finds.
     *
     * @throws dev.jwkgate.config.ConfigException when the request headers cannot be sent
     */
    KeySetLoader loader(JwksParser parser, Clock clock) {
        JsonDocumentFetcher fetcher = new JsonDocumentFetcher(fetch);
        Function<URI, KeySetLoader> jwksLoader = uri -> new JwksUriLoader(uri, fetcher, parser, ttl, clock);
        if (jwksUri != null) {
            return jwksLoader.apply(jwksUri);
        }
        return new OidcDiscoveryLoader(issuer, fetcher, jwksLoader, rediscoverInterval, maxJsonDepth, clock);
    }
}
