package dev.jwkgate.source.remote;

import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.source.JwksParser;
import dev.jwkgate.source.http.JsonDocumentFetcher;
import java.net.URI;
import java.time.Clock;
import java.util.function.Function;

/** Assembles the loader a configuration names: a JWKS URL, or OIDC discovery in front of one. */
public final class RemoteLoaders {

    private RemoteLoaders() {
    }

    /**
     * @throws IllegalArgumentException when the configuration names no remote source
     * @throws dev.jwkgate.config.ConfigException when its TLS stores or request headers are unusable
     */
    public static KeySetLoader forConfig(JwkGateConfig config, JwksParser parser, Clock clock) {
        JwkGateConfig.KeySourceKind kind = config.keySourceKind();
        if (kind != JwkGateConfig.KeySourceKind.REMOTE && kind != JwkGateConfig.KeySourceKind.DISCOVERY) {
            throw new IllegalArgumentException("not a remote key source: " + kind);
        }
        JsonDocumentFetcher fetcher = JsonDocumentFetcher.from(config);
        CacheTtlPolicy ttl = CacheTtlPolicy.from(config);
        Function<URI, KeySetLoader> jwksLoader = uri -> new JwksUriLoader(uri, fetcher, parser, ttl, clock);
        if (kind == JwkGateConfig.KeySourceKind.REMOTE) {
            return jwksLoader.apply(URI.create(config.string(Setting.JWKS_URI)));
        }
        // re-read the discovery document at most once per the longest TTL: issuers rarely move their keys
        return new OidcDiscoveryLoader(config.issuer(), fetcher, jwksLoader,
                config.seconds(Setting.CACHE_MAX_TTL_SECONDS), config.integer(Setting.MAX_JSON_DEPTH), clock);
    }
}
