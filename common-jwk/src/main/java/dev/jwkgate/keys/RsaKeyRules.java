package dev.jwkgate.keys;

import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Optional;

/** Strength rules for RSA public keys (RFC 7518 §6.3.1; attack 9 in docs/SECURITY.md; ROCA, CVE-2017-15361). */
final class RsaKeyRules {

    static final int MIN_MODULUS_BITS = 2048;
    /** The JDK's own ceiling; larger moduli only make verification a denial-of-service lever. */
    static final int MAX_MODULUS_BITS = 16384;
    /** The refusal of a key Infineon's RSALib made. */
    static final String ROCA = "RSA modulus has the ROCA fingerprint (CVE-2017-15361): Infineon's RSALib made it "
            + "and its private key can be computed from it; treat the key as compromised and replace it";

    private RsaKeyRules() {
    }

    /**
     * Why the RSA public key (n, e) is too weak or malformed to trust, or empty: the one home of these rules, for
     * ingestion and for {@link KeyFit} at verification.
     */
    static Optional<String> weakness(BigInteger n, BigInteger e) {
        int bits = n.bitLength();
        if (bits < MIN_MODULUS_BITS) {
            return Optional.of("RSA modulus has " + bits + " bits; at least " + MIN_MODULUS_BITS + " are required");
        }
        if (bits > MAX_MODULUS_BITS) {
            return Optional.of("RSA modulus has " + bits + " bits; more than " + MAX_MODULUS_BITS + " is refused");
        }
        if (!n.testBit(0)) {
            // a product of two odd primes is odd; an even modulus is a broken or forged key
            return Optional.of("RSA modulus is even");
        }
        if (e.compareTo(BigInteger.ONE) <= 0) {
            return Optional.of("RSA exponent must be greater than 1");
        }
        if (!e.testBit(0)) {
            return Optional.of("RSA exponent is even");
        }
        if (e.compareTo(n) >= 0) {
            return Optional.of("RSA exponent is not smaller than the modulus");
        }
        return Optional.empty();
    }

    static CheckedPublicKey check(JwkMembers jwk) throws JwkProblem {
        BigInteger n = jwk.requiredUnsigned("n");
        BigInteger e = jwk.requiredUnsigned("e");
        Optional<String> weakness = weakness(n, e);
        if (weakness.isPresent()) {
            throw new JwkProblem(weakness.get());
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
        return new CheckedPublicKey(KeyFamily.RSA, null, key, JwsAlgorithm.ofFamily(KeyFamily.RSA));
    }
}
