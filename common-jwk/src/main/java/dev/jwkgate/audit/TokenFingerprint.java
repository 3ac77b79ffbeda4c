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
 * enough to tell tokens apart in a log.
 */
public final class TokenFingerprint {

    private TokenFingerprint() {
    }

    public static String of(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
