package dev.jwkgate.source.support;

import dev.jwkgate.leaks.IssuedSecrets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/** JWKS documents of P-256 public keys (fast to generate), one key pair per kid per test run. */
public final class TestJwks {

    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

    private TestJwks() {
    }

    /** A JWKS listing one public EC key per kid. */
    public static String withKids(String... kids) {
        List<Map<String, Object>> keys = new ArrayList<>();
        for (String kid : kids) {
            keys.add(publicJwk(kid));
        }
        return JsonUtil.toJson(Map.of("keys", keys));
    }

    public static Map<String, Object> publicJwk(String kid) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair(kid).getPublic());
            Map<String, Object> members = new LinkedHashMap<>(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            members.put("kid", kid);
            members.put("use", "sig");
            members.put("alg", "ES256");
            return members;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWKS whose keys are given as JSON-ready maps (to spoil one). */
    public static String of(Object... keys) {
        return JsonUtil.toJson(Map.of("keys", List.of(keys)));
    }

    public static KeyPair pair(String kid) {
        return KEYS.computeIfAbsent(kid, k -> {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                IssuedSecrets.privateKey(pair.getPrivate());
                return pair;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
