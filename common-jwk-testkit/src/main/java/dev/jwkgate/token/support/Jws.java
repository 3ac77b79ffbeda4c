package dev.jwkgate.token.support;

import dev.jwkgate.leaks.IssuedSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.json.JsonUtil;

/**
 * Forges compact JWS for tests, signed with plain JCA so no library decides what a token may look like:
 * header and payload are given as maps (or raw JSON text), the signature can be replaced afterwards.
 */
public final class Jws {

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String rawHeader;
    private String rawPayload;

    public static Jws header(String alg, String kid) {
        Jws jws = new Jws();
        jws.header.put("alg", alg);
        if (kid != null) {
            jws.header.put("kid", kid);
        }
        return jws;
    }

    public Jws with(String name, Object value) {
        header.put(name, value);
        return this;
    }

    public Jws without(String name) {
        header.remove(name);
        return this;
    }

    public Jws claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public Jws claims(Map<String, Object> values) {
        claims.putAll(values);
        return this;
    }

    public Jws noClaim(String name) {
        claims.remove(name);
        return this;
    }

    /** Exact header JSON text (for duplicate members, odd whitespace, deep nesting). */
    public Jws rawHeader(String json) {
        rawHeader = json;
        return this;
    }

    /** Exact payload text (for duplicate members, non-JSON payloads, exotic numbers). */
    public Jws rawPayload(String text) {
        rawPayload = text;
        return this;
    }

    public String signingInput() {
        String h = rawHeader != null ? rawHeader : JsonUtil.toJson(header);
        String p = rawPayload != null ? rawPayload : JsonUtil.toJson(claims);
        return b64(h) + "." + b64(p);
    }

    /** Signs with the key as the header's alg says (HS* with {@code key.signer()} as the secret). */
    public String signedWith(SigningKey key) {
        return signedWith(key.signer());
    }

    public String signedWith(Key key) {
        String input = signingInput();
        return IssuedSecrets.token(input + "." + SigningKey.b64(sign((String) header.get("alg"), key,
                input.getBytes(StandardCharsets.US_ASCII))));
    }

    /** Unsigned: the given signature bytes (maybe empty) after the signing input. */
    public String withSignature(byte[] signature) {
        return IssuedSecrets.token(signingInput() + "." + SigningKey.b64(signature));
    }

    public static String b64(String text) {
        return SigningKey.b64(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sign(String alg, Key key, byte[] input) {
        try {
            if (alg.startsWith("HS")) {
                Mac mac = Mac.getInstance("HmacSHA" + alg.substring(2));
                mac.init(new SecretKeySpec(key.getEncoded(), "HMAC"));
                return mac.doFinal(input);
            }
            Signature signature;
            if (alg.startsWith("RS")) {
                signature = Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
            } else if (alg.startsWith("PS")) {
                String hash = "SHA-" + alg.substring(2);
                signature = Signature.getInstance("RSASSA-PSS");
                signature.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                        Integer.parseInt(alg.substring(2)) / 8, 1));
            } else if (alg.startsWith("ES")) {
                signature = Signature.getInstance("SHA" + alg.substring(2) + "withECDSAinP1363Format");
            } else {
                signature = Signature.getInstance("EdDSA");
            }
            signature.initSign((PrivateKey) key);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
