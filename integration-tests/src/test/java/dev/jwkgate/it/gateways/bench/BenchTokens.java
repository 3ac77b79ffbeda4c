package dev.jwkgate.it.gateways.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One RS256 key and tokens every plugin under test accepts: {@code iss} (Kong {@code jwt}'s key claim), {@code key}
 * (APISIX {@code jwt-auth}'s), {@code aud}, {@code kid}, an hour to live, and a distinct {@code jti} each.
 */
final class BenchTokens {

    static final String ISSUER = "https://bench.jwkgate.test";
    static final String AUDIENCE = "bench-api";
    static final String KID = "bench-k1";
    /** APISIX jwt-auth's consumer key, carried in the claim {@code key}. */
    static final String CONSUMER_KEY = "bench-user";

    private final KeyPair pair;

    BenchTokens() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.pair = generator.generateKeyPair();
    }

    /** {@code count} distinct tokens, one per line. */
    Path write(Path file, int count) throws IOException, GeneralSecurityException {
        List<String> tokens = new ArrayList<>(count);
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < count; i++) {
            tokens.add(token(now, i));
        }
        return Files.write(file, tokens);
    }

    private String token(long now, int jti) throws GeneralSecurityException {
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}");
        String payload = b64("{\"iss\":\"" + ISSUER + "\",\"sub\":\"user-" + jti + "\",\"aud\":\"" + AUDIENCE
                + "\",\"key\":\"" + CONSUMER_KEY + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + jti + "\"}");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(pair.getPrivate());
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    /** The public key as a JWKS. */
    String jwks() {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + KID + "\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                + unsigned(key.getModulus().toByteArray()) + "\",\"e\":\"" + unsigned(key.getPublicExponent().toByteArray()) + "\"}]}";
    }

    /** The public key as PEM (what the Lua plugins take). */
    String pem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static String unsigned(byte[] twosComplement) {
        int skip = twosComplement.length > 1 && twosComplement[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.util.Arrays.copyOfRange(twosComplement, skip, twosComplement.length));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
