package dev.jwkgate.keys.rotation;

import java.util.Base64;

/**
 * A stored private key encrypted under a key-encryption key. A plain stored key is base64 PKCS#8, which
 * never holds a colon, so the {@value #PREFIX} form cannot be mistaken for one.
 *
 * @param kekId      the {@link KeyEncryptionKey#id()} it was encrypted under
 * @param nonce      the AES-GCM nonce
 * @param ciphertext the encrypted PKCS#8 bytes followed by the GCM tag
 */
record SealedPrivateKey(String kekId, byte[] nonce, byte[] ciphertext) {

    static final String PREFIX = "aes256gcm:";

    static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    /** @throws IllegalStateException when the stored text is not in the sealed form */
    static SealedPrivateKey parse(String kid, String stored) {
        String[] parts = stored.substring(PREFIX.length()).split(":", -1);
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            Base64.Decoder b64 = Base64.getUrlDecoder();
            return new SealedPrivateKey(parts[0], b64.decode(parts[1]), b64.decode(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the encrypted private key of " + kid + " is malformed");
        }
    }
}
