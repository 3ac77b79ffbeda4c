package dev.jwkgate.keycloak.support;

import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** Fresh private JWKs for tests, made with jose4j so no key material is checked in. */
public final class TestJwks {

    private TestJwks() {
    }

    /** @param type RSA, P-256, P-384, P-521 or Ed25519 */
    public static PublicJsonWebKey generate(String type, String kid) {
        try {
            PublicJsonWebKey jwk;
            switch (type) {
                case "RSA":
                    jwk = RsaJwkGenerator.generateJwk(2048);
                    break;
                case "P-256":
                    jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
                    break;
                case "P-384":
                    jwk = EcJwkGenerator.generateJwk(EllipticCurves.P384);
                    break;
                case "P-521":
                    jwk = EcJwkGenerator.generateJwk(EllipticCurves.P521);
                    break;
                case "Ed25519":
                    jwk = OkpJwkGenerator.generateJwk("Ed25519");
                    break;
                default:
                    throw new IllegalArgumentException(type);
            }
            if (kid != null) {
                jwk.setKeyId(kid);
            }
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String privateJson(PublicJsonWebKey jwk) {
        return jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    }

    public static String publicJson(PublicJsonWebKey jwk) {
        return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The JWK with one member replaced, e.g. a private part that belongs to another key. */
    public static String withMember(String json, String member, Object value) {
        try {
            Map<String, Object> map = new java.util.LinkedHashMap<>(JsonUtil.parseJson(json));
            map.put(member, value);
            return JsonUtil.toJson(map);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String member(String json, String member) {
        try {
            return (String) JsonUtil.parseJson(json).get(member);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
