package dev.jwkgate.source.local;

import dev.jwkgate.config.ConfigException;
import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.keys.TrustedKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.OctetSequenceJsonWebKey;

/**
 * Turns {@code hmac_secrets} (kid to base64url secret) into trusted keys. A secret may verify only the HS
 * algorithms whose hash is no longer than the secret (RFC 7518 §3.2), so a 32-byte secret never backs HS512.
 */
public final class HmacKeySets {

    private static final Set<JwsAlgorithm> HMAC = JwsAlgorithm.ofFamily(KeyFamily.OCT);

    private HmacKeySets() {
    }

    public static KeySet from(Map<String, String> secrets, Instant loadedAt) {
        List<TrustedKey> keys = new ArrayList<>();
        secrets.forEach((kid, encoded) -> keys.add(key(kid, encoded)));
        return new KeySet(keys, loadedAt);
    }

    private static TrustedKey key(String kid, String encoded) {
        byte[] secret;
        try {
            secret = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("hmac_secrets: the secret of kid '" + kid + "' is not base64url");
        }
        Set<String> algorithms = new LinkedHashSet<>();
        for (JwsAlgorithm alg : HMAC) {
            if (alg.fixedSignatureLength() <= secret.length) {
                algorithms.add(alg.jwsName());
            }
        }
        if (algorithms.isEmpty()) {
            throw new ConfigException("hmac_secrets: the secret of kid '" + kid + "' has " + secret.length
                    + " bytes, at least " + JwsAlgorithm.HS256.fixedSignatureLength() + " are required");
        }
        // the JCA name is only a label here: the verifier picks the Mac from the token's (allowed) alg
        SecretKeySpec key = new SecretKeySpec(secret, JwsAlgorithm.HS256.jcaName());
        return new TrustedKey(kid, KeyFamily.OCT, null, key, algorithms, thumbprint(key));
    }

    /** RFC 7638 over {"k","kty":"oct"}, the members jose4j hashes for an octet sequence key. */
    private static String thumbprint(SecretKeySpec key) {
        try {
            return new OctetSequenceJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException("SHA-256 thumbprint of an HMAC key", e);
        }
    }
}
