package dev.jwkgate.keys.rotation;

import java.time.Instant;
import java.util.Objects;

/**
 * One key of a rotating provider, as stored in the component's configuration.
 *
 * @param kid         RFC 7638 thumbprint of the public key
 * @param algorithm   JWS algorithm the key signs with
 * @param phase       where the key is in its life
 * @param since       when it entered {@code phase}
 * @param publishedAt when it first appeared in the JWKS
 * @param privateKey  PKCS#8, base64, or that encrypted under a key-encryption key ({@link SealedPrivateKey});
 *                    never logged: {@link #toString()} leaves it out
 * @param publicKey   X.509 SubjectPublicKeyInfo, base64
 * @param certificate self-signed X.509 certificate (DER, base64) for RSA and EC keys; null for EdDSA, and
 *                    for a key stored before certificates were made until the next write adds one
 */
public record ManagedKey(String kid, String algorithm, KeyPhase phase, Instant since, Instant publishedAt,
                         String privateKey, String publicKey, String certificate) {

    public ManagedKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** A key without a certificate yet. */
    public ManagedKey(String kid, String algorithm, KeyPhase phase, Instant since, Instant publishedAt,
                      String privateKey, String publicKey) {
        this(kid, algorithm, phase, since, publishedAt, privateKey, publicKey, null);
    }

    public ManagedKey enter(KeyPhase next, Instant at) {
        return new ManagedKey(kid, algorithm, next, at, publishedAt, privateKey, publicKey, certificate);
    }

    public ManagedKey withPrivateKey(String storedPrivateKey) {
        return new ManagedKey(kid, algorithm, phase, since, publishedAt, storedPrivateKey, publicKey, certificate);
    }

    public ManagedKey withCertificate(String derBase64) {
        return new ManagedKey(kid, algorithm, phase, since, publishedAt, privateKey, publicKey, derBase64);
    }

    @Override
    public String toString() {
        return "ManagedKey[kid=" + kid + ", alg=" + algorithm + ", " + phase + " since " + since + "]";
    }
}
