package dev.jwkgate.keys;

/**
 * A key the ingestion policy dropped, and why; the rest of its set stays usable.
 *
 * @param keyId         the {@code kid}, or null
 * @param kty           the {@code kty} as given, or null
 * @param why           a precise reason, never containing key material
 * @param leak          true when the key exposed private or symmetric material in a remote set
 * @param encryptionKey true when the key says it is for encryption ({@code use: enc}, such as the RSA-OAEP key
 *                      Keycloak publishes in every realm's JWKS): a verifier skips it as a matter of course
 */
public record KeyRefusal(String keyId, String kty, String why, boolean leak, boolean encryptionKey) {

    /** A refusal of a key that does not say it is for encryption. */
    public KeyRefusal(String keyId, String kty, String why, boolean leak) {
        this(keyId, kty, why, leak, false);
    }
}
