package dev.jwkgate.keycloak.rotation;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.keycloak.common.util.CertificateUtils;

/**
 * Makes the self-signed X.509 certificate a rotated RSA or EC key carries, the way Keycloak's
 * {@code rsa-generated} does (Keycloak's {@code CertificateUtils}: version 1, subject and issuer
 * {@code CN=<realm>}, SHA-256 signature), but valid for the key's planned life instead of ten years.
 */
@FunctionalInterface
public interface KeyCertificates {

    /** @return the DER certificate, base64 */
    String selfSigned(KeyPair pair, String realmName, Instant notAfter);

    /** Keycloak's own certificate maker, with the crypto provider the server runs. */
    static KeyCertificates keycloak() {
        SecureRandom random = new SecureRandom();
        return (pair, realmName, notAfter) -> {
            X509Certificate cert = CertificateUtils.generateV1SelfSignedCertificate(pair, realmName,
                    new BigInteger(63, random), Date.from(notAfter));
            try {
                return Base64.getEncoder().encodeToString(cert.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode the certificate", e);
            }
        };
    }
}
