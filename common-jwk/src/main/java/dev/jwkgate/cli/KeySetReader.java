package dev.jwkgate.cli;

import dev.jwkgate.SourceSettings;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.source.http.FetchException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a JWKS for {@code inspect}: a URL through the same fetcher gateways use (HTTPS rules, no
 * redirects, size cap, timeouts), or a local file.
 */
final class KeySetReader {

    /** Inspect has no issuer to check; the configuration needs one, so it gets a name that cannot clash. */
    private static final String INSPECT_ISSUER = "urn:jwkgate:inspect";

    /** The JWKS text and the configuration whose limits apply to it. */
    record Fetched(String body, JwkGateConfig config) {
    }

    Fetched read(String location, Map<String, Object> overrides) throws CliArguments.UsageException, IOException {
        boolean remote = location.startsWith("https://") || location.startsWith("http://");
        if (!remote) {
            CliFiles.requireReadable("JWKS file", location);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("issuer", INSPECT_ISSUER);
        settings.put(remote ? "jwks_uri" : "jwks_file", location);
        settings.putAll(overrides);
        JwkGateConfig config;
        try {
            config = JwkGateConfig.fromMap(settings);
        } catch (ConfigException e) {
            throw new CliArguments.UsageException(String.join("\n", e.problems()));
        }
        if (!remote) {
            return new Fetched(CliFiles.read("JWKS file", location), config);
        }
        try {
            return new Fetched(SourceSettings.fetcher(config).fetch(URI.create(location)).body(), config);
        } catch (FetchException e) {
            throw new IOException("cannot fetch " + location + ": " + e.getMessage(), e);
        }
    }
}
