package dev.jwkgate;

import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.JwkGateConfig.KeySourceKind;
import dev.jwkgate.config.Setting;
import dev.jwkgate.keys.KeyIngestionPolicy;
import dev.jwkgate.source.JwksParser;
import dev.jwkgate.source.http.HttpFetchSettings;
import dev.jwkgate.source.http.JsonDocumentFetcher;
import dev.jwkgate.source.http.TlsContexts;
import dev.jwkgate.source.remote.CacheSettings;
import dev.jwkgate.source.remote.CacheTtlPolicy;
import dev.jwkgate.source.remote.RemoteKeySetSource;
import dev.jwkgate.source.remote.RemoteSourceSettings;
import java.net.URI;
import java.time.Clock;

/**
 * The one place that reads what a configuration says about where its keys come from and turns it into the
 * source layer's own settings: transport ({@link HttpFetchSettings}, TLS), TTLs, cache behaviour, the ingestion
 * policy, and the loader of a remote source ({@code jwks_uri}, or discovery in front of it). The source packages
 * never read a configuration themselves.
 */
public final class SourceSettings {

    private SourceSettings() {
    }

    /** {@code max_jwks_bytes} and {@code max_jwks_keys}. */
    public static KeyIngestionPolicy ingestion(JwkGateConfig config) {
        return new KeyIngestionPolicy(config.integer(Setting.MAX_JWKS_BYTES), config.integer(Setting.MAX_JWKS_KEYS));
    }

    /** The production JWKS parser: the configuration's ingestion policy. */
    public static JwksParser parser(JwkGateConfig config) {
        return ingestion(config)::ingest;
    }

    /**
     * Timeouts, body cap, request headers, {@code allow_http} and the TLS stores.
     *
     * @throws dev.jwkgate.config.ConfigException when a TLS store cannot be used
     */
    public static HttpFetchSettings fetch(JwkGateConfig config) {
        return new HttpFetchSettings(
                config.millis(Setting.HTTP_CONNECT_TIMEOUT_MS),
                config.millis(Setting.HTTP_TIMEOUT_MS),
                config.integer(Setting.MAX_JWKS_BYTES),
                config.stringMap(Setting.JWKS_REQUEST_HEADERS),
                config.bool(Setting.ALLOW_HTTP),
                TlsContexts.build(
                        store(config, Setting.TRUST_STORE_FILE, Setting.TRUST_STORE_TYPE, Setting.TRUST_STORE_PASSWORD),
                        store(config, Setting.CLIENT_KEY_STORE_FILE, Setting.CLIENT_KEY_STORE_TYPE,
                                Setting.CLIENT_KEY_STORE_PASSWORD)));
    }

    /**
     * A fetcher under the configuration's transport rules.
     *
     * @throws dev.jwkgate.config.ConfigException when its TLS stores or request headers are unusable
     */
    public static JsonDocumentFetcher fetcher(JwkGateConfig config) {
        return new JsonDocumentFetcher(fetch(config));
    }

    /** {@code cache_min_ttl_seconds}, {@code cache_max_ttl_seconds} and {@code cache_default_ttl_seconds}. */
    public static CacheTtlPolicy ttl(JwkGateConfig config) {
        return new CacheTtlPolicy(config.seconds(Setting.CACHE_MIN_TTL_SECONDS),
                config.seconds(Setting.CACHE_MAX_TTL_SECONDS), config.seconds(Setting.CACHE_DEFAULT_TTL_SECONDS));
    }

    /** {@code unknown_kid_cooldown_seconds}, {@code max_stale_seconds} and {@code first_load_wait_ms}. */
    public static CacheSettings cache(JwkGateConfig config) {
        return new CacheSettings(config.seconds(Setting.UNKNOWN_KID_COOLDOWN_SECONDS),
                config.seconds(Setting.MAX_STALE_SECONDS), config.millis(Setting.FIRST_LOAD_WAIT_MS));
    }

    /**
     * What the configuration says about its remote source, read once: {@code jwks_uri} (null with discovery), the
     * transport, TTL and cache settings, and how often discovery is repeated (at most once per the longest TTL:
     * issuers rarely move their keys).
     *
     * @throws IllegalArgumentException when the configuration names no remote source
     * @throws dev.jwkgate.config.ConfigException when a TLS store cannot be used
     */
    public static RemoteSourceSettings remote(JwkGateConfig config) {
        KeySourceKind kind = config.keySourceKind();
        if (kind != KeySourceKind.REMOTE && kind != KeySourceKind.DISCOVERY) {
            throw new IllegalArgumentException("not a remote key source: " + kind);
        }
        URI jwksUri = kind == KeySourceKind.REMOTE ? URI.create(config.string(Setting.JWKS_URI)) : null;
        return new RemoteSourceSettings(config.issuer(), jwksUri, fetch(config), ttl(config), cache(config),
                config.seconds(Setting.CACHE_MAX_TTL_SECONDS), config.integer(Setting.MAX_JSON_DEPTH));
    }

    /**
     * A remote source for the configuration's {@code jwks_uri} or discovery, with its cache settings and clock;
     * the caller adds audit, timer and fetch threads, then builds and starts it.
     *
     * @throws IllegalArgumentException when the configuration names no remote source
     * @throws dev.jwkgate.config.ConfigException when its TLS stores or request headers are unusable
     */
    public static RemoteKeySetSource.Builder remoteSource(JwkGateConfig config, JwksParser parser, Clock clock) {
        return RemoteKeySetSource.builder(remote(config), parser, clock);
    }

    private static TlsContexts.Store store(JwkGateConfig config, Setting file, Setting type, Setting password) {
        return new TlsContexts.Store(file.settingName(), config.string(file), config.string(type),
                config.string(password));
    }
}
