package dev.jwkgate.keys;

import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.EnumSet;

/** Strength rules for RSA public keys (RFC 7518 §6.3.1; attack 9 of the research notes; ROCA, CVE-2017-15361). */
final class RsaKeyRules {

    static final int MIN_MODULUS_BITS = 2048;
    /** The JDK's own ceiling; larger moduli only make verification a denial-of-service lever. */
    static final int MAX_MODULUS_BITS = 16384;
    /** The refusal of a key Infineon's RSALib made. */
    static final String ROCA = "RSA modulus has the ROCA fingerprint (CVE-2017-15361): Infineon's RSALib made it "
            + "and its private key can be computed from it; treat the key as compromised and replace it";

    private RsaKeyRules() {
    }

    static CheckedPublicKey check(JwkMembers jwk) throws JwkProblem {
        BigInteger n = jwk.requiredUnsigned("n");
        BigInteger e = jwk.requiredUnsigned("e");
        int bits = n.bitLength();
        if (bits < MIN_MODULUS_BITS) {
            throw new JwkProblem("RSA modulus has " + bits + " bits; at least " + MIN_MODULUS_BITS + " are required");
        }
        if (bits > MAX_MODULUS_BITS) {
            throw new JwkProblem("RSA modulus has " + bits + " bits; more than " + MAX_MODULUS_BITS + " is refused");
        }
        if (!n.testBit(0)) {
            // a product of two odd primes is odd; an even modulus is a broken or forged key
            throw new JwkProblem("RSA modulus is even");
        }
        if (e.compareTo(BigInteger.ONE) <= 0) {
            throw new JwkProblem("RSA exponent must be greater than 1");
        }
        if (!e.testBit(0)) {
            throw new JwkProblem("RSA exponent is even");
        }
        if (e.compareTo(n) >= 0) {
            throw new JwkProblem("RSA exponent is not smaller than the modulus");
        }
        if (RocaFingerprint.matches(n)) {
            throw new JwkProblem(ROCA);
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException ex) {
            // the JDK caps the exponent of large moduli; its message holds no key material but we word our own
            throw new JwkProblem("the JDK does not accept this RSA key (exponent or modulus outside its limits)");
        }
        return new CheckedPublicKey(KeyFamily.RSA, null, key, EnumSet.of(
                JwsAlgorithm.RS256, JwsAlgorithm.RS384, JwsAlgorithm.RS512,
                JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512));
    }
}
