package dev.jwkgate.keys.signing;

import dev.jwkgate.jws.EcCurve;
import dev.jwkgate.jws.EdwardsCurve;
import dev.jwkgate.keys.CheckedPublicKey;
import dev.jwkgate.keys.EcKeyRules;
import dev.jwkgate.keys.JwkMembers;
import dev.jwkgate.keys.JwkProblem;
import dev.jwkgate.keys.OkpKeyRules;
import dev.jwkgate.keys.PublicKeyRules;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.KeyAgreement;
import org.jose4j.keys.EdDsaKeyUtil;
import org.jose4j.lang.JoseException;

/**
 * Reads the private part of a JWK whose public part already passed {@link PublicKeyRules}, and checks
 * that both halves belong together as far as arithmetic can tell without signing. The sign-and-verify
 * self-test then settles what is left (an RSA key given as n, e, d only; Ed25519; the sign of EC y).
 *
 * <p>These checks run once, when an administrator imports a key, never per request; BigInteger
 * arithmetic on secrets is therefore acceptable here, and the EC check uses the JDK's ECDH instead.
 */
final class PrivateKeyRules {

    private static final List<String> RSA_CRT_MEMBERS = List.of("p", "q", "dp", "dq", "qi");

    private PrivateKeyRules() {
    }

    static PrivateKey read(JwkMembers jwk, CheckedPublicKey publicPart) throws JwkProblem {
        if (!jwk.has("d")) {
            throw new JwkProblem("not a private key: member 'd' is missing");
        }
        switch (publicPart.family()) {
            case RSA:
                return rsa(jwk, (RSAPublicKey) publicPart.key());
            case EC:
                return ec(jwk, (ECPublicKey) publicPart.key(), EcCurve.byCrv(publicPart.curve()).orElseThrow());
            case OKP:
                return okp(jwk, publicPart.curve());
            default:
                throw new JwkProblem("kty " + publicPart.family().kty() + " has no private key form");
        }
    }

    private static PrivateKey rsa(JwkMembers jwk, RSAPublicKey publicKey) throws JwkProblem {
        BigInteger n = publicKey.getModulus();
        BigInteger e = publicKey.getPublicExponent();
        BigInteger d = jwk.requiredUnsigned("d");
        if (d.compareTo(BigInteger.ONE) <= 0 || d.compareTo(n) >= 0) {
            throw new JwkProblem("RSA private exponent 'd' is out of range");
        }
        if (jwk.has("oth")) {
            throw new JwkProblem("multi-prime RSA keys ('oth') are not supported");
        }
        List<String> missing = RSA_CRT_MEMBERS.stream().filter(m -> !jwk.has(m)).collect(Collectors.toList());
        if (missing.size() == RSA_CRT_MEMBERS.size()) {
            return generate("RSA", new RSAPrivateKeySpec(n, d));
        }
        if (!missing.isEmpty()) {
            throw new JwkProblem("incomplete RSA CRT parameters: missing " + String.join(", ", missing)
                    + " (give all of p, q, dp, dq, qi, or none)");
        }
        BigInteger p = jwk.requiredUnsigned("p");
        BigInteger q = jwk.requiredUnsigned("q");
        BigInteger dp = jwk.requiredUnsigned("dp");
        BigInteger dq = jwk.requiredUnsigned("dq");
        BigInteger qi = jwk.requiredUnsigned("qi");
        if (p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0 || !p.multiply(q).equals(n)) {
            throw new JwkProblem("RSA primes 'p' and 'q' do not multiply to the modulus 'n'");
        }
        BigInteger pMinus1 = p.subtract(BigInteger.ONE);
        BigInteger qMinus1 = q.subtract(BigInteger.ONE);
        BigInteger lambda = pMinus1.divide(pMinus1.gcd(qMinus1)).multiply(qMinus1);
        if (!e.multiply(d).mod(lambda).equals(BigInteger.ONE)) {
            throw new JwkProblem("RSA private exponent 'd' does not match the public exponent 'e'");
        }
        // a wrong CRT member makes faulty signatures, and one faulty signature reveals the factors
        if (!dp.equals(d.mod(pMinus1)) || !dq.equals(d.mod(qMinus1))) {
            throw new JwkProblem("RSA CRT exponents 'dp'/'dq' do not match 'd'");
        }
        if (!qi.multiply(q).mod(p).equals(BigInteger.ONE) || qi.compareTo(p) >= 0) {
            throw new JwkProblem("RSA CRT coefficient 'qi' is not the inverse of 'q' mod 'p'");
        }
        return generate("RSA", new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qi));
    }

    private static PrivateKey ec(JwkMembers jwk, ECPublicKey publicKey, EcCurve curve) throws JwkProblem {
        BigInteger d = EcKeyRules.coordinate(jwk, "d", curve);
        if (d.signum() <= 0 || d.compareTo(curve.params().getOrder()) >= 0) {
            throw new JwkProblem("EC private key 'd' is out of range for " + curve.crv());
        }
        PrivateKey privateKey = generate("EC", new ECPrivateKeySpec(d, curve.params()));
        // ECDH of d with the generator G is the x coordinate of d·G, computed by the JDK in constant time
        byte[] expectedX = curve.encode(publicKey.getW().getAffineX());
        byte[] derivedX;
        try {
            PublicKey generator = KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(curve.params().getGenerator(), curve.params()));
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(privateKey);
            agreement.doPhase(generator, true);
            derivedX = agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new JwkProblem("the JDK could not derive the public point of this EC " + curve.crv() + " key");
        }
        if (!MessageDigest.isEqual(expectedX, derivedX)) {
            throw new JwkProblem("EC private key 'd' does not match the public point (x, y)");
        }
        return privateKey;
    }

    private static PrivateKey okp(JwkMembers jwk, String crv) throws JwkProblem {
        EdwardsCurve curve = EdwardsCurve.byCrv(crv).orElseThrow();
        byte[] d = OkpKeyRules.exactLength(jwk, "d", curve);
        try {
            return new EdDsaKeyUtil().privateKey(d, crv);
        } catch (JoseException | RuntimeException e) {
            throw new JwkProblem("the JDK does not accept this OKP " + crv + " private key");
        }
    }

    private static PrivateKey generate(String algorithm, java.security.spec.KeySpec spec) throws JwkProblem {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new JwkProblem("the JDK does not accept this " + algorithm + " private key");
        }
    }
}
