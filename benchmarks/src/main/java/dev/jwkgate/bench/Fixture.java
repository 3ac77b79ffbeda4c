package dev.jwkgate.bench;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * One algorithm's benchmark input: a key pair (for HS256 a 32-byte secret) and a token signed with plain JCA,
 * identical for every contender and every fork (keys and signatures come from a seeded PRNG), so all of them
 * check the very same bytes.
 */
public final class Fixture {

    public static final String ISSUER = "https://idp.example/realms/bench";
    public static final String AUDIENCE = "orders-api";
    /** 2100-01-01T00:00:00Z: the token never expires during a run. */
    public static final long EXPIRY = 4_102_444_800L;

    public final String alg;
    public final String kid;
    /** The public key; null for HS256, whose key is {@link #secret}. */
    public final PublicKey publicKey;
    /** The HMAC secret for HS256; null otherwise. */
    public final SecretKey secret;
    public final String token;
    public final byte[] signingInput;
    public final byte[] signature;
    public final String jwksJson;
    private final PrivateKey privateKey;
    private final SecureRandom signingRandom;

    private Fixture(String alg, String kid, KeyPair keys, SecretKey secret) throws Exception {
        this.alg = alg;
        this.kid = kid;
        this.publicKey = keys == null ? null : keys.getPublic();
        this.privateKey = keys == null ? null : keys.getPrivate();
        this.secret = secret;
        this.signingRandom = seeded(alg + "-sign");
        this.token = sign(header(kid), payload("b2c4e6f8-0a1b-4c3d-8e5f-6a7b8c9d0e1f"));
        int lastDot = token.lastIndexOf('.');
        this.signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        this.signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        JsonWebKey jwk = secret == null ? PublicJsonWebKey.Factory.newPublicJwk(publicKey)
                : new OctetSequenceJsonWebKey(secret);
        jwk.setKeyId(kid);
        jwk.setUse("sig");
        this.jwksJson = "{\"keys\":[" + jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_SYMMETRIC) + "]}";
    }

    public static Fixture forAlgorithm(String alg) {
        try {
            return create(alg, "bench-" + alg.toLowerCase(), alg);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the " + alg + " fixture", e);
        }
    }

    /** Another key of the same algorithm under another kid, as an identity provider rotating its keys has. */
    public static Fixture withKeyId(String alg, String kid) {
        try {
            return create(alg, kid, alg + "/" + kid);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the " + alg + " fixture for kid " + kid, e);
        }
    }

    private static Fixture create(String alg, String kid, String seed) throws Exception {
        if (alg.equals("HS256")) {
            byte[] bytes = new byte[32];
            seeded(seed).nextBytes(bytes);
            return new Fixture(alg, kid, null, new SecretKeySpec(bytes, "HmacSHA256"));
        }
        return new Fixture(alg, kid, keyPair(alg, seed), null);
    }

    /** The verification key: {@link #publicKey}, or {@link #secret} for HS256. */
    public Key verificationKey() {
        return secret != null ? secret : publicKey;
    }

    /** This key as one JWK (the member of {@link #jwksJson}'s array; for HS256 with its secret). */
    public String jwkJson() {
        return jwksJson.substring("{\"keys\":[".length(), jwksJson.length() - 2);
    }


    /** The protected header every benchmark token carries, naming {@code keyId}. */
    public String header(String keyId) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}";
    }

    /** A 402-byte Keycloak-like access-token payload; {@code jti} makes tokens distinct. */
    public static String payload(String jti) {
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"7d5e2c1a-5b0f-4a57-9c1e-2f0b4b9d8e11\","
                + "\"aud\":\"" + AUDIENCE + "\",\"exp\":" + EXPIRY + ",\"iat\":1764374400,"
                + "\"jti\":\"" + jti + "\",\"azp\":\"orders-frontend\","
                + "\"scope\":\"openid profile email orders.read orders.write\","
                + "\"preferred_username\":\"alice\",\"email\":\"alice@example.com\",\"email_verified\":true,"
                + "\"roles\":[\"orders-reader\",\"orders-writer\",\"llm-user\"]}";
    }

    /** A compact JWS of exactly these header and payload texts, signed with this fixture's private key. */
    public synchronized String sign(String header, String payload) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            byte[] signingInput = input.getBytes(StandardCharsets.US_ASCII);
            if (secret != null) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(secret);
                return input + "." + b64.encodeToString(mac.doFinal(signingInput));
            }
            Signature signer = jcaSignature(alg);
            signer.initSign(privateKey, signingRandom);
            signer.update(signingInput);
            return input + "." + b64.encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a " + alg + " token", e);
        }
    }

    /** The token with one bit of its signature flipped: every contender must refuse it. */
    public String tamperedToken() {
        byte[] bad = signature.clone();
        bad[bad.length / 2] ^= 0x01;
        return token.substring(0, token.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(bad);
    }

    /**
     * A fresh, unshared JCA verifier for this algorithm (the per-token cost a library pays at least); HS256 has
     * a {@code Mac} instead ({@code Contender.FLOOR}).
     */
    public static Signature jcaSignature(String alg) throws Exception {
        switch (alg) {
            case "RS256":
                return Signature.getInstance("SHA256withRSA");
            case "PS256": {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                return pss;
            }
            case "ES256":
                return Signature.getInstance("SHA256withECDSAinP1363Format");
            case "ES384":
                return Signature.getInstance("SHA384withECDSAinP1363Format");
            case "ES512":
                return Signature.getInstance("SHA512withECDSAinP1363Format");
            case "EdDSA":
                return Signature.getInstance("Ed25519");
            default:
                throw new IllegalArgumentException(alg);
        }
    }

    private static KeyPair keyPair(String alg, String seed) throws Exception {
        SecureRandom random = seeded(seed);
        switch (alg) {
            case "RS256":
            case "PS256": {
                KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                rsa.initialize(2048, random);
                return rsa.generateKeyPair();
            }
            case "ES256":
            case "ES384":
            case "ES512": {
                KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
                String curve = alg.equals("ES256") ? "secp256r1" : alg.equals("ES384") ? "secp384r1" : "secp521r1";
                ec.initialize(new ECGenParameterSpec(curve), random);
                return ec.generateKeyPair();
            }
            case "EdDSA": {
                KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
                ed.initialize(255, random);
                return ed.generateKeyPair();
            }
            default:
                throw new IllegalArgumentException(alg);
        }
    }

    /** SHA1PRNG with a seed set before first use is deterministic: same keys in every fork. */
    private static SecureRandom seeded(String label) throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(("jwkgate-bench-" + label).getBytes(StandardCharsets.UTF_8));
        return random;
    }
}
