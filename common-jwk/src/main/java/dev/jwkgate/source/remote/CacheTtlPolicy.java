package dev.jwkgate.source.remote;

import java.time.Duration;
import java.util.Locale;

/**
 * Turns a response's {@code Cache-Control} into a TTL: {@code max-age} clamped to [min, max]; the default
 * when there is no usable {@code max-age} or the response says {@code no-cache}, {@code no-store} or
 * {@code max-age=0}. Keycloak's certs endpoint sends {@code no-cache}; taking that literally would mean a
 * fetch per token, so it falls back to the default like an absent header. {@code Expires} is not read:
 * JWKS endpoints that set it also set {@code max-age}, which wins by RFC 9111 anyway.
 */
public final class CacheTtlPolicy {

    private final Duration min;
    private final Duration max;
    private final Duration fallback;

    public CacheTtlPolicy(Duration min, Duration max, Duration fallback) {
        if (min.isNegative() || min.isZero() || min.compareTo(max) > 0) {
            throw new IllegalArgumentException("need 0 < min <= max, got " + min + ", " + max);
        }
        if (fallback.compareTo(min) < 0 || fallback.compareTo(max) > 0) {
            throw new IllegalArgumentException("default TTL " + fallback + " outside [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
        this.fallback = fallback;
    }

    /** The TTL for a response with this {@code Cache-Control} header (null when absent). */
    public Duration ttlFor(String cacheControl) {
        if (cacheControl == null) {
            return fallback;
        }
        long maxAge = -1;
        for (String directive : cacheControl.split(",")) {
            String d = directive.trim().toLowerCase(Locale.ROOT);
            if (d.equals("no-cache") || d.equals("no-store") || d.startsWith("no-cache=")) {
                return fallback;
            }
            if (d.startsWith("max-age=")) {
                maxAge = parseSeconds(d.substring("max-age=".length()));
            }
        }
        if (maxAge <= 0) {
            return fallback;
        }
        Duration ttl = Duration.ofSeconds(maxAge);
        if (ttl.compareTo(min) < 0) {
            return min;
        }
        return ttl.compareTo(max) > 0 ? max : ttl;
    }

    private static long parseSeconds(String value) {
        String v = value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                ? value.substring(1, value.length() - 1) : value;
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1; // unparsable: treated as absent
        }
        return Long.parseLong(v);
    }
}
