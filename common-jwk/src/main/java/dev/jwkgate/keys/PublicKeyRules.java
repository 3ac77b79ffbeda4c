package dev.jwkgate.keys;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.jws.KeyFamily;

/**
 * The rules every JWK's public part must pass, whatever the key is for: a known {@code kty}, and the
 * strength or curve rules of its family.
 */
public final class PublicKeyRules {

    /** The smallest RSA modulus, in bits, a key must have to be trusted (and a generated key gets). */
    public static final int MIN_RSA_MODULUS_BITS = RsaKeyRules.MIN_MODULUS_BITS;

    private PublicKeyRules() {
    }

    public static KeyFamily family(JwkMembers jwk) throws JwkProblem {
        String kty = jwk.requiredString("kty");
        for (KeyFamily family : KeyFamily.values()) {
            if (family.kty().equals(kty)) {
                return family;
            }
        }
        throw new JwkProblem("kty " + LogText.quote(kty) + " is not a known key type (RSA, EC, OKP)");
    }

    /** Checks an asymmetric key's public members; symmetric keys are the caller's business. */
    public static CheckedPublicKey check(JwkMembers jwk, KeyFamily family) throws JwkProblem {
        switch (family) {
            case RSA:
                return RsaKeyRules.check(jwk);
            case EC:
                return EcKeyRules.check(jwk);
            case OKP:
                return OkpKeyRules.check(jwk);
            default:
                throw new JwkProblem("kty " + family.kty() + " has no public key");
        }
    }
}
