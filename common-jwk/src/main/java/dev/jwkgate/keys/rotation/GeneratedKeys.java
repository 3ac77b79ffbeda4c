package dev.jwkgate.keys.rotation;

import dev.jwkgate.jws.EcCurve;
import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.JwkThumbprint;
import dev.jwkgate.keys.PublicKeyRules;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Generates, encodes and decodes the key pairs of a rotating provider with the JDK's own providers.
 * The {@code kid} is the RFC 7638 thumbprint, so it names the key wherever it travels.
 */
public final class GeneratedKeys implements NewKeyFactory {

    /** The algorithms a rotating provider generates keys for, in the order an admin is offered them. */
    public static final List<String> ALGORITHMS = List.of("RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA");

    /** The smallest RSA modulus the core accepts (2048 bits, also what Keycloak's rsa-generated defaults to). */
    static final int RSA_BITS = PublicKeyRules.MIN_RSA_MODULUS_BITS;

    @Override
    public ManagedKey publish(String algorithm, Instant at) {
        KeyPair pair = generate(algorithm);
        return new ManagedKey(JwkThumbprint.of(pair.getPublic()), algorithm, KeyPhase.PUBLISHED, at, at,
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    /** A fresh key pair for {@code algorithm}: RSA of {@link #RSA_BITS}, EC on the algorithm's curve, or Ed25519. */
    public static KeyPair generate(String algorithm) {
        JwsAlgorithm alg = jwsAlgorithm(algorithm);
        try {
            KeyPairGenerator generator;
            switch (alg.family()) {
                case RSA:
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(RSA_BITS);
                    break;
                case EC:
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(EcCurve.byCrv(alg.curve()).orElseThrow().params());
                    break;
                case OKP:
                    generator = KeyPairGenerator.getInstance("Ed25519");
                    break;
                default:
                    throw new IllegalArgumentException("no key pair for " + algorithm);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key for " + algorithm, e);
        }
    }

    /** The key pair stored for {@code key}, with its private half as {@code pkcs8}; fails only on corrupted storage. */
    public static KeyPair decode(ManagedKey key, byte[] pkcs8) {
        try {
            KeyFactory factory = KeyFactory.getInstance(jcaKeyAlgorithm(jwsAlgorithm(key.algorithm()).family()));
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored key " + key.kid() + " cannot be decoded: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The table entry of an asymmetric JWS algorithm.
     *
     * @throws IllegalArgumentException for an unknown or symmetric algorithm
     */
    public static JwsAlgorithm jwsAlgorithm(String algorithm) {
        return JwsAlgorithm.byName(algorithm)
                .filter(a -> a.family() != KeyFamily.OCT)
                .orElseThrow(() -> new IllegalArgumentException("'Algorithm' " + algorithm + " is not an asymmetric JWS algorithm"));
    }

    private static String jcaKeyAlgorithm(KeyFamily family) {
        switch (family) {
            case RSA:
                return "RSA";
            case EC:
                return "EC";
            default:
                return "Ed25519";
        }
    }
}
