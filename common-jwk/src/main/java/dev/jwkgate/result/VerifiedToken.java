package dev.jwkgate.result;

import dev.jwkgate.json.JsonObjectMap;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A token whose signature and claims were accepted.
 *
 * @param claims     the verified claims, as parsed JSON (String, Boolean, Long/Double, List, Map)
 * @param keyId      the {@code kid} of the verifying key (may be null for a key without one)
 * @param algorithm  the JWS algorithm that was verified
 * @param thumbprint RFC 7638 SHA-256 thumbprint of the verifying key, base64url
 * @param expiresAt  {@code exp}, or null when the token has none
 */
public record VerifiedToken(Map<String, Object> claims, String keyId, String algorithm, String thumbprint,
                            Instant expiresAt) {

    public VerifiedToken {
        claims = JsonObjectMap.copyOf(claims); // a verified payload's claims as they are, anything else copied
    }

    public Optional<Object> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    public Optional<String> subject() {
        Object sub = claims.get("sub");
        return sub instanceof String ? Optional.of((String) sub) : Optional.empty();
    }
}
