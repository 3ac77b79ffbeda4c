package dev.jwkgate.keys;

import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.jws.engine.Ed25519PublicKey;
import dev.jwkgate.jws.engine.EcdsaPublicKey;
import java.security.Key;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A key that passed the ingestion policy and may verify signatures of the algorithms it allows.
 *
 * @param keyId      the JWK {@code kid}; null when the JWK had none
 * @param family     the key's {@code kty}
 * @param curve      {@code crv} for EC and OKP keys, null otherwise
 * @param key        the verification key (a {@code PublicKey}, or a {@code SecretKey} for {@link KeyFamily#OCT});
 *                   an Ed25519 key is kept as an {@link Ed25519PublicKey}, its point decoded once here, a
 *                   P-256, P-384 or P-521 key as an {@link EcdsaPublicKey}, its point imported into BouncyCastle
 *                   once here
 * @param algorithms the JWS algorithms this key may verify: its family's algorithms, narrowed to the JWK's
 *                   own {@code alg} when it declared one
 * @param thumbprint RFC 7638 SHA-256 thumbprint, base64url
 */
public record TrustedKey(String keyId, KeyFamily family, String curve, Key key, Set<String> algorithms,
                         String thumbprint) {

    public TrustedKey {
        Objects.requireNonNull(family, "family");
        key = EcdsaPublicKey.prepare(Ed25519PublicKey.prepare(Objects.requireNonNull(key, "key")));
        algorithms = Set.copyOf(algorithms);
        Objects.requireNonNull(thumbprint, "thumbprint");
    }

    /** Whether this key may verify a token whose header says {@code alg}. */
    public boolean canVerify(String alg) {
        return algorithms.contains(alg);
    }

    /**
     * Why this key's material cannot safely verify {@code algorithm}, whatever {@link #algorithms()} says (wrong
     * family or curve, a weak RSA key, a short HMAC secret), or empty when it can.
     */
    public Optional<String> whyUnfitFor(JwsAlgorithm algorithm) {
        return KeyFit.problem(this, algorithm);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "TrustedKey[kid=" + keyId + ", kty=" + family.kty() + (curve == null ? "" : ", crv=" + curve)
                + ", algs=" + algorithms + ", thumbprint=" + thumbprint + "]";
    }
}
