package dev.jwkgate.keys;

import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import java.security.PublicKey;
import java.util.Set;

/**
 * The public part of a JWK after the strength and curve rules passed.
 *
 * @param curve      {@code crv} for EC and OKP keys, null for RSA
 * @param algorithms every JWS algorithm this kind of key can produce or verify, before any {@code alg} narrowing
 */
public record CheckedPublicKey(KeyFamily family, String curve, PublicKey key, Set<JwsAlgorithm> algorithms) {

    public CheckedPublicKey {
        algorithms = Set.copyOf(algorithms);
    }

    /** "RSA", "EC P-256", "OKP Ed25519": how messages name this kind of key. */
    String describe() {
        return curve == null ? family.kty() : family.kty() + " " + curve;
    }
}
