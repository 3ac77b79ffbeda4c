package dev.jwkgate.keys;

import dev.jwkgate.audit.LogText;
import java.security.PublicKey;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * RFC 7638 JWK thumbprints (SHA-256, base64url): a name for a key that depends only on its required
 * public members ({@code e, kty, n} for RSA; {@code crv, kty, x, y} for EC; {@code crv, kty, x} for OKP;
 * {@code k, kty} for oct), never on {@code kid}, {@code alg} or private members.
 */
public final class JwkThumbprint {

    private static final String HASH = "SHA-256";

    private JwkThumbprint() {
    }

    /**
     * The thumbprint of a public key. Computed from the key itself, so a JWK that pads its integers with
     * leading zeros still names the same key (RFC 7638 §3.3 hashes the minimal encoding).
     */
    public static String of(PublicKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint(HASH);
        } catch (JoseException e) {
            throw new IllegalArgumentException("no JWK form for a " + key.getAlgorithm() + " key");
        }
    }

    /**
     * The thumbprint of a JWK given as JSON (public or private, any {@code kty} jose4j knows).
     *
     * @throws IllegalArgumentException when the text is not a JWK; the message never quotes it
     */
    public static String of(String jwkJson) {
        try {
            return of(JwkJson.parseObject(jwkJson, "JWK"));
        } catch (JwkProblem e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static String of(Map<String, Object> jwkMembers) {
        try {
            return JsonWebKey.Factory.newJwk(jwkMembers).calculateBase64urlEncodedThumbprint(HASH);
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("not a JWK jose4j can read (kty "
                    + LogText.quote(String.valueOf(jwkMembers.get("kty"))) + ")");
        }
    }
}
