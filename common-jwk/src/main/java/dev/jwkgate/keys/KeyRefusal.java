package dev.jwkgate.keys;

/**
 * A key the ingestion policy dropped, and why; the rest of its set stays usable.
 *
 * @param keyId  the {@code kid}, or null
 * @param kty    the {@code kty} as given, or null
 * @param why    a precise reason, never containing key material
 * @param leak   true when the key exposed private or symmetric material in a remote set
 */
public record KeyRefusal(String keyId, String kty, String why, boolean leak) {
}
