package dev.jwkgate.keycloak.rotation;

import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Generates, encodes and decodes the key pairs of a rotating provider with the JDK's own providers.
 * The {@code kid} is the RFC 7638 thumbprint, so it names the key wherever it travels.
 */
public final class GeneratedKeys implements NewKeyFactory {

    /** 2048 bits: what Keycloak's rsa-generated defaults to and the smallest size the core accepts. */
    static final int RSA_BITS = 2048;

    @Override
    public ManagedKey publish(String algorithm, Instant at) {
        KeyPair pair = generate(algorithm);
        return new ManagedKey(thumbprint(pair.getPublic()), algorithm, KeyPhase.PUBLISHED, at, at,
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

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
                    generator.initialize(new ECGenParameterSpec(jcaCurve(alg.curve())));
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
     * Whether Keycloak shows a certificate for keys of this algorithm: RSA (as {@code rsa-generated}) and EC
     * (as {@code ecdsa-generated} with its certificate switch); its JWKS never carries {@code x5c} for OKP keys.
     */
    public static boolean carriesCertificate(String algorithm) {
        KeyFamily family = jwsAlgorithm(algorithm).family();
        return family == KeyFamily.RSA || family == KeyFamily.EC;
    }

    /** The stored certificate of {@code key}, or null when it has none. */
    public static X509Certificate certificate(ManagedKey key) {
        if (key.certificate() == null) {
            return null;
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(key.certificate())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored certificate of " + key.kid() + " cannot be decoded: " + e.getClass().getSimpleName());
        }
    }

    public static String thumbprint(PublicKey publicKey) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(publicKey).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException e) {
            throw new IllegalStateException("cannot compute the thumbprint", e);
        }
    }

    /** Keycloak's key type for the algorithm's family. */
    public static String keycloakKeyType(String algorithm) {
        return jwsAlgorithm(algorithm).family().kty();
    }

    /** The {@code crv} Keycloak publishes: the EC curve, or Ed25519 for EdDSA; null for RSA. */
    public static String curve(String algorithm) {
        JwsAlgorithm alg = jwsAlgorithm(algorithm);
        return alg.family() == KeyFamily.OKP ? "Ed25519" : alg.curve();
    }

    static JwsAlgorithm jwsAlgorithm(String algorithm) {
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

    private static String jcaCurve(String jwkCurve) {
        switch (jwkCurve) {
            case "P-256":
                return "secp256r1";
            case "P-384":
                return "secp384r1";
            default:
                return "secp521r1";
        }
    }
}
