package dev.jwkgate.source.remote;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.json.JsonLimits;
import dev.jwkgate.json.JsonText;
import dev.jwkgate.net.UrlRules;
import dev.jwkgate.source.http.FetchException;
import dev.jwkgate.source.http.FetchedDocument;
import dev.jwkgate.source.http.JsonDocumentFetcher;
import dev.jwkgate.source.http.SafeUrls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the JWKS through OIDC discovery ({@code {issuer}/.well-known/openid-configuration}), then loads it
 * with a {@link JwksUriLoader}.
 *
 * <p>The document must name exactly the configured issuer (byte for byte: a look-alike issuer is another
 * trust domain) and a {@code jwks_uri} passing the same URL rules as a configured one. Re-discovery is kept
 * simple: after any failed JWKS load (the next attempt comes after the source's retry delay) and once per
 * {@code rediscoverInterval}. When re-discovery itself fails, the last known {@code jwks_uri} is still
 * tried, so a broken discovery endpoint alone never takes working keys away.
 */
public final class OidcDiscoveryLoader implements KeySetLoader {

    private static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private final String issuer;
    private final URI discoveryUri;
    private final JsonDocumentFetcher fetcher;
    private final Function<URI, KeySetLoader> jwksLoaders;
    private final Duration rediscoverInterval;
    private final int maxJsonDepth;
    private final Clock clock;

    private volatile Discovered discovered;
    private volatile boolean rediscover;

    private record Discovered(URI jwksUri, KeySetLoader loader, Instant at) {
    }

    /**
     * @param jwksLoaders        builds the loader for a discovered {@code jwks_uri}
     * @param rediscoverInterval how often the discovery document is read again even while all is well
     */
    public OidcDiscoveryLoader(String issuer, JsonDocumentFetcher fetcher, Function<URI, KeySetLoader> jwksLoaders,
                               Duration rediscoverInterval, int maxJsonDepth, Clock clock) {
        this.issuer = issuer;
        this.discoveryUri = discoveryUri(issuer);
        this.fetcher = fetcher;
        this.jwksLoaders = jwksLoaders;
        this.rediscoverInterval = rediscoverInterval;
        this.maxJsonDepth = maxJsonDepth;
        this.clock = clock;
    }

    /** {@code issuer} with one trailing slash removed, then {@code /.well-known/openid-configuration}. */
    public static URI discoveryUri(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return URI.create(base + WELL_KNOWN);
    }

    @Override
    public LoadedKeySet load() throws LoadException {
        Discovered current = discovered;
        if (current == null || rediscover || !clock.instant().isBefore(current.at().plus(rediscoverInterval))) {
            try {
                current = discover(current);
                discovered = current;
                rediscover = false;
            } catch (LoadException e) {
                if (current == null) {
                    throw e;
                }
                // discovery is down or wrong now; the keys may still be where they were
            }
        }
        try {
            return current.loader().load();
        } catch (LoadException e) {
            rediscover = true; // the keys may have moved
            throw e;
        }
    }

    @Override
    public String location() {
        Discovered current = discovered;
        String doc = SafeUrls.redact(discoveryUri);
        return current == null ? doc : doc + " -> " + SafeUrls.redact(current.jwksUri());
    }

    /** The {@code jwks_uri} found by the last successful discovery. */
    public Optional<URI> jwksUri() {
        Discovered current = discovered;
        return current == null ? Optional.empty() : Optional.of(current.jwksUri());
    }

    private Discovered discover(Discovered previous) throws LoadException {
        FetchedDocument document;
        try {
            document = fetcher.fetch(discoveryUri);
        } catch (FetchException e) {
            throw new LoadException("discovery document: " + e.getMessage());
        }
        Map<String, Object> json = parse(document.body());
        Object documentIssuer = json.get("issuer");
        if (!issuer.equals(documentIssuer)) {
            throw new LoadException("discovery document: issuer "
                    + (documentIssuer == null ? "missing" : LogText.quote(documentIssuer))
                    + " does not equal the configured issuer '" + issuer + "'");
        }
        Object jwksUri = json.get("jwks_uri");
        if (!(jwksUri instanceof String)) {
            throw new LoadException("discovery document: jwks_uri " + (jwksUri == null ? "missing" : "is not a string"));
        }
        Optional<String> problem = UrlRules.check("jwks_uri", (String) jwksUri, fetcher.settings().allowHttp());
        if (problem.isPresent()) {
            throw new LoadException("discovery document: " + problem.get());
        }
        URI uri = URI.create((String) jwksUri);
        KeySetLoader loader = previous != null && previous.jwksUri().equals(uri) ? previous.loader() : jwksLoaders.apply(uri);
        return new Discovered(uri, loader, clock.instant());
    }

    private Map<String, Object> parse(String body) throws LoadException {
        if (!JsonLimits.withinDepth(body, maxJsonDepth)) {
            throw new LoadException("discovery document: nested deeper than " + maxJsonDepth);
        }
        try {
            return JsonText.parseObject(body, maxJsonDepth);
        } catch (JsonText.InvalidJsonException e) {
            throw new LoadException("discovery document: not a JSON object");
        }
    }
}
