package dev.jwkgate.source.http;

import java.net.URI;

/**
 * A JSON document fetched under the transport rules.
 *
 * @param uri          where it came from
 * @param body         the body, decoded as UTF-8
 * @param cacheControl the {@code Cache-Control} header (all values joined by ", "), or null when absent
 */
public record FetchedDocument(URI uri, String body, String cacheControl) {
}
