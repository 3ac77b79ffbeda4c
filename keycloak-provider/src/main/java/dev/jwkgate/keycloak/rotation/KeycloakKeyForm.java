package dev.jwkgate.keycloak.rotation;

import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.rotation.GeneratedKeys;
import dev.jwkgate.keys.rotation.ManagedKey;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** How Keycloak shows a rotated key: its key type, curve and certificate, as its own generated providers show theirs. */
final class KeycloakKeyForm {

    private KeycloakKeyForm() {
    }

    /**
     * Whether Keycloak shows a certificate for keys of this algorithm: RSA (as {@code rsa-generated}) and EC
     * (as {@code ecdsa-generated} with its certificate switch); its JWKS never carries {@code x5c} for OKP keys.
     */
    static boolean carriesCertificate(String algorithm) {
        KeyFamily family = GeneratedKeys.jwsAlgorithm(algorithm).family();
        return family == KeyFamily.RSA || family == KeyFamily.EC;
    }

    /** The stored certificate of {@code key}, or null when it has none. */
    static X509Certificate certificate(ManagedKey key) {
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

    /** Keycloak's key type for the algorithm's family. */
    static String keyType(String algorithm) {
        return GeneratedKeys.jwsAlgorithm(algorithm).family().kty();
    }

    /** The {@code crv} Keycloak publishes: the EC curve, or Ed25519 for EdDSA; null for RSA. */
    static String curve(String algorithm) {
        JwsAlgorithm alg = GeneratedKeys.jwsAlgorithm(algorithm);
        return alg.family() == KeyFamily.OKP ? "Ed25519" : alg.curve();
    }
}
