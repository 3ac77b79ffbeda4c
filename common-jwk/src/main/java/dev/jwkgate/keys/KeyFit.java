package dev.jwkgate.keys;

import dev.jwkgate.jws.EcCurve;
import dev.jwkgate.jws.JwsAlgorithm;
import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Checks that a key's actual material can safely verify an algorithm, whatever its {@link TrustedKey#algorithms()}
 * claims: the family decides (an RSA key can never become an HMAC secret), the EC curve must match, and keys too
 * weak to mean anything (short HMAC secrets, RSA keys that ingestion's {@link RsaKeyRules} would refuse) are
 * refused. Ingestion should already have dropped such keys; this keeps the verifier safe when it did not (a
 * {@link TrustedKey} built by an embedder, a foreign key implementation).
 */
final class KeyFit {

    private KeyFit() {
    }

    /** Why {@code trusted} cannot verify {@code algorithm}, or empty when it can. */
    static Optional<String> problem(TrustedKey trusted, JwsAlgorithm algorithm) {
        Key key = trusted.key();
        if (trusted.family() != algorithm.family()) {
            return Optional.of("it is a " + trusted.family().kty() + " key and " + algorithm.jwsName()
                    + " needs a " + algorithm.family().kty() + " key");
        }
        switch (algorithm.family()) {
            case RSA:
                return rsaProblem(key);
            case EC:
                return ecProblem(key, algorithm);
            case OKP:
                return key instanceof EdECPublicKey ? Optional.empty() : Optional.of("it is not an EdDSA public key");
            case OCT:
                return hmacProblem(key, algorithm);
            default:
                return Optional.of("unknown key family " + trusted.family());
        }
    }

    private static Optional<String> rsaProblem(Key key) {
        if (!(key instanceof RSAPublicKey)) {
            return Optional.of("it is not an RSA public key");
        }
        RSAPublicKey rsa = (RSAPublicKey) key;
        return RsaKeyRules.weakness(rsa.getModulus(), rsa.getPublicExponent());
    }

    private static Optional<String> ecProblem(Key key, JwsAlgorithm algorithm) {
        if (!(key instanceof ECPublicKey)) {
            return Optional.of("it is not an EC public key");
        }
        BigInteger order = ((ECPublicKey) key).getParams().getOrder();
        boolean onTheAlgorithmsCurve = EcCurve.byCrv(algorithm.curve())
                .map(curve -> curve.order().equals(order)).orElse(false);
        if (!onTheAlgorithmsCurve) {
            return Optional.of("its curve is not " + algorithm.curve() + ", which " + algorithm.jwsName() + " needs");
        }
        return Optional.empty();
    }

    /** RFC 7518 §3.2: an HMAC secret must be at least as long as the hash. */
    private static Optional<String> hmacProblem(Key key, JwsAlgorithm algorithm) {
        if (!(key instanceof SecretKey)) {
            return Optional.of("it is not a secret key");
        }
        byte[] secret = key.getEncoded();
        int length = secret == null ? 0 : secret.length;
        if (secret != null) {
            java.util.Arrays.fill(secret, (byte) 0);
        }
        if (length < algorithm.fixedSignatureLength()) {
            return Optional.of("its HMAC secret has " + length + " bytes, " + algorithm.jwsName()
                    + " needs at least " + algorithm.fixedSignatureLength());
        }
        return Optional.empty();
    }
}
