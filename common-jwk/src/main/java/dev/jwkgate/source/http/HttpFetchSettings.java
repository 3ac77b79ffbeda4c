package dev.jwkgate.source.http;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The transport rules of one remote source: timeouts, body cap, extra headers, plain-HTTP permission and TLS.
 *
 * @param connectTimeout TCP and TLS connect bound
 * @param totalTimeout   bound on the whole request, body included
 * @param maxBodyBytes   the body is refused, and reading stops, beyond this many bytes
 * @param headers        extra request headers; values are secrets and never appear in messages
 * @param allowHttp      plain HTTP to non-loopback hosts
 * @param sslContext     custom TLS context, or null for the JVM default
 */
public record HttpFetchSettings(Duration connectTimeout, Duration totalTimeout, int maxBodyBytes,
                                Map<String, String> headers, boolean allowHttp, SSLContext sslContext) {

    public HttpFetchSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        headers = Map.copyOf(headers);
        if (connectTimeout.isNegative() || connectTimeout.isZero() || totalTimeout.isNegative() || totalTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    /** Header values are never shown. */
    @Override
    public String toString() {
        return "HttpFetchSettings[connect=" + connectTimeout + ", total=" + totalTimeout + ", maxBodyBytes="
                + maxBodyBytes + ", headers=" + headers.keySet() + ", allowHttp=" + allowHttp
                + ", customTls=" + (sslContext != null) + "]";
    }
}
