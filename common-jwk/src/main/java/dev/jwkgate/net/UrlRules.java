package dev.jwkgate.net;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs jwkgate fetches keys and discovery documents from: HTTPS, or HTTP to a loopback host, or HTTP
 * anywhere when {@code allow_http} is on. One rule for a configured {@code jwks_uri} or issuer (checked when the
 * configuration is built), a {@code jwks_uri} found by discovery, and every fetch.
 */
public final class UrlRules {

    private UrlRules() {
    }

    /** A problem naming {@code settingName}, or empty when the URL is acceptable. */
    public static Optional<String> check(String settingName, String url, boolean allowHttp) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of(settingName + ": not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of(settingName + ": must be an absolute https URL");
        }
        if (scheme.equals("http") && !allowHttp && !isLoopback(uri.getHost())) {
            return Optional.of(settingName + ": plain http is only allowed for loopback hosts unless allow_http is true");
        }
        return Optional.empty();
    }

    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
