package dev.jwkgate.source.remote;

import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeyOrigin;
import dev.jwkgate.keys.KeySetRejectedException;
import dev.jwkgate.source.JwksParser;
import dev.jwkgate.source.http.FetchException;
import dev.jwkgate.source.http.FetchedDocument;
import dev.jwkgate.source.http.JsonDocumentFetcher;
import dev.jwkgate.source.http.SafeUrls;
import java.net.URI;
import java.time.Clock;

/**
 * Loads a JWKS from one URL: fetch under the transport rules, ingest as a remote set, TTL from the response.
 * A set refused whole, or left with no usable key, is a failed load: it must never replace a good set.
 */
public final class JwksUriLoader implements KeySetLoader {

    private final URI uri;
    private final JsonDocumentFetcher fetcher;
    private final JwksParser parser;
    private final CacheTtlPolicy ttlPolicy;
    private final Clock clock;

    public JwksUriLoader(URI uri, JsonDocumentFetcher fetcher, JwksParser parser, CacheTtlPolicy ttlPolicy, Clock clock) {
        this.uri = uri;
        this.fetcher = fetcher;
        this.parser = parser;
        this.ttlPolicy = ttlPolicy;
        this.clock = clock;
    }

    @Override
    public LoadedKeySet load() throws LoadException {
        FetchedDocument document;
        try {
            document = fetcher.fetch(uri);
        } catch (FetchException e) {
            throw new LoadException(e.getMessage());
        }
        IngestedKeySet ingested;
        try {
            ingested = parser.parse(document.body(), KeyOrigin.REMOTE, clock.instant());
        } catch (KeySetRejectedException e) {
            throw new LoadException("key set refused: " + e.getMessage());
        }
        if (ingested.keys().size() == 0) {
            throw new LoadException("no usable key in the set (" + ingested.refusals().size() + " refused)",
                    ingested.refusals());
        }
        return new LoadedKeySet(ingested, ttlPolicy.ttlFor(document.cacheControl()));
    }

    @Override
    public String location() {
        return SafeUrls.redact(uri);
    }

    public URI uri() {
        return uri;
    }
}
