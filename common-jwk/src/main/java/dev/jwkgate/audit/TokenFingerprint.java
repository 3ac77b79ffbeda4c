package dev.jwkgate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A short, non-reversible name for a token, so logs can correlate refusals without holding the token.
 *
 * <p>The first 9 bytes of SHA-256 are too few to confirm a guessed token offline with any use, yet
 * enough to tell tokens apart in a log. The verified-token cache keys its entries on the same digest
 * ({@link #sha256(String)}), so a refused token is hashed once for both.
 */
public final class TokenFingerprint {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    });

    private TokenFingerprint() {
    }

    /** {@code sha256:} and the base64url of the first 9 bytes of {@link #sha256(String)}. */
    public static String of(String token) {
        return ofDigest(sha256(token));
    }

    /** The fingerprint of a token whose {@link #sha256(String)} is already known. */
    public static String ofDigest(byte[] sha256) {
        return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256, 9));
    }

    /**
     * SHA-256 of the token's ISO-8859-1 bytes: for every ASCII token (every valid one) the same bytes as US-ASCII,
     * and a plain array copy instead of a per-char loop. A char above U+00FF becomes '?', which no valid token holds.
     */
    public static byte[] sha256(String token) {
        return SHA256.get().digest(token.getBytes(StandardCharsets.ISO_8859_1));
    }
}
