package dev.jwkgate.keys.support;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** Test keys generated with the JDK, shaped into JWKs with jose4j. */
public final class TestKeys {

    private static final Map<String, KeyPair> CACHE = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    /** One RSA key pair per size per test run: generation is the slow part. */
    public static KeyPair rsa(int bits) {
        return CACHE.computeIfAbsent("RSA" + bits, k -> generate("RSA", new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4)));
    }

    public static KeyPair ec(String jdkCurve) {
        return CACHE.computeIfAbsent(jdkCurve, k -> generate("EC", new ECGenParameterSpec(jdkCurve)));
    }

    public static KeyPair p256() {
        return ec("secp256r1");
    }

    public static KeyPair edDsa(String curve) {
        return CACHE.computeIfAbsent(curve, k -> {
            try {
                return KeyPairGenerator.getInstance(curve).generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A fresh key pair, when a test needs two different keys of one kind. */
    public static KeyPair fresh(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
        return generate(algorithm, spec);
    }

    private static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(spec);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK of a key, as a mutable map a test can then spoil. */
    public static Map<String, Object> publicJwk(PublicKey key, String kid) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            Map<String, Object> members = new LinkedHashMap<>(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            if (kid != null) {
                members.put("kid", kid);
            }
            return members;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private JWK of a key pair, as a mutable map. */
    public static Map<String, Object> privateJwk(KeyPair pair, String kid) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            jwk.setPrivateKey(pair.getPrivate());
            Map<String, Object> members = new LinkedHashMap<>(jwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            if (kid != null) {
                members.put("kid", kid);
            }
            return members;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    public static String jwks(Map<String, Object>... keys) {
        return JsonUtil.toJson(Map.of("keys", Arrays.asList(keys)));
    }

    public static String json(Map<String, Object> members) {
        return JsonUtil.toJson(members);
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] unb64(Object text) {
        return Base64.getUrlDecoder().decode((String) text);
    }

    /** The unsigned big-endian encoding of {@code value} in exactly {@code length} bytes. */
    public static byte[] fixed(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    /** The unsigned big-endian encoding without leading zeros (RFC 7518 Base64urlUInt). */
    public static String uint(BigInteger value) {
        byte[] raw = value.toByteArray();
        return b64(raw[0] == 0 && raw.length > 1 ? Arrays.copyOfRange(raw, 1, raw.length) : raw);
    }

    public static BigInteger big(Object base64url) {
        return new BigInteger(1, unb64(base64url));
    }

    public static Map<String, Object> parse(String json) {
        try {
            return new LinkedHashMap<>(JsonUtil.parseJson(json));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> keysOf(String jwksJson) {
        return (List<Map<String, Object>>) parse(jwksJson).get("keys");
    }
}
