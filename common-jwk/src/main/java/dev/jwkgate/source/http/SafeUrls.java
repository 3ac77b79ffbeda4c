package dev.jwkgate.source.http;

import java.net.URI;

/** URLs as they may appear in logs: without user info, query or fragment, which can carry credentials. */
public final class SafeUrls {

    private SafeUrls() {
    }

    public static String redact(URI uri) {
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            out.append(uri.getHost());
        }
        if (uri.getPort() != -1) {
            out.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            out.append("?…");
        }
        return out.toString();
    }

    /** Like {@link #redact(URI)} for text that may not even be a URL (a {@code Location} header). */
    public static String redact(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                return "a relative location";
            }
            return redact(uri);
        } catch (Exception e) {
            return "an unparsable location";
        }
    }
}
