package dev.jwkgate.keys.signing;

import dev.jwkgate.jws.KeyFamily;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A private key that passed the import checks and a sign-and-verify self-test, ready to sign with
 * {@code algorithm}.
 *
 * @param keyId      the JWK's {@code kid}, or its RFC 7638 thumbprint when it had none
 * @param algorithm  the JWS algorithm the key is to sign with (e.g. "ES256")
 * @param curve      {@code crv} for EC and OKP keys, null for RSA
 * @param thumbprint RFC 7638 SHA-256 thumbprint of the public key, base64url
 */
public record ImportedSigningKey(String keyId, String algorithm, KeyFamily family, String curve,
                                 PrivateKey privateKey, PublicKey publicKey, String thumbprint) {

    public ImportedSigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(thumbprint, "thumbprint");
    }

    /** Never prints key material (a record's default would print the private key's own toString). */
    @Override
    public String toString() {
        return "ImportedSigningKey[kid=" + keyId + ", alg=" + algorithm + ", kty=" + family.kty()
                + (curve == null ? "" : ", crv=" + curve) + ", thumbprint=" + thumbprint + "]";
    }
}
