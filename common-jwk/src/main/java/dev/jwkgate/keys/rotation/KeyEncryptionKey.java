package dev.jwkgate.keys.rotation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key-encryption key (KEK) from Keycloak's vault. It encrypts a rotated private key with
 * AES-GCM under a fresh random 96-bit nonce (NIST SP 800-38D §8.2.2), with the key's {@code kid} as
 * associated data: a ciphertext moved to another key's entry fails to decrypt.
 */
public final class KeyEncryptionKey {

    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String id;

    KeyEncryptionKey(byte[] keyBytes) {
        if (keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("a key-encryption key must be " + KEY_BYTES + " bytes (AES-256), not " + keyBytes.length);
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.id = idOf(keyBytes);
    }

    /**
     * A name for the KEK that reveals nothing about it: an HMAC of a fixed label under the KEK, so the
     * stored entry says which KEK encrypted it without holding anything a guess could be checked against
     * faster than a brute force of the 256-bit key itself.
     */
    public String id() {
        return id;
    }

    /** {@code aes256gcm:<kek id>:<nonce>:<ciphertext and tag>}, base64url parts. */
    String seal(String kid, byte[] pkcs8) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(pkcs8);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return SealedPrivateKey.PREFIX + id + ":" + b64.encodeToString(nonce) + ":" + b64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalStateException when the entry was not sealed by this KEK for this kid, or was altered */
    byte[] open(String kid, SealedPrivateKey sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the private key of " + kid + " does not decrypt with key-encryption key " + id
                    + " (altered, or stored for another key)");
        }
    }

    private static String idOf(byte[] keyBytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
            byte[] tag = mac.doFinal("jwkgate key-encryption-key id".getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]";
    }
}
