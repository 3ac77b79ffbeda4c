package dev.jwkgate.kong.it;

import dev.jwkgate.leaks.IssuedSecrets;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** An RS256 signing key with a {@code kid}, signing tokens and publishing itself as a JWK, with plain JCA. */
final class TestKeys {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String kid;
    private final KeyPair pair;

    private TestKeys(String kid, KeyPair pair) {
        this.kid = kid;
        this.pair = pair;
    }

    static TestKeys rsa(String kid) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        IssuedSecrets.privateKey(pair.getPrivate());
        return new TestKeys(kid, pair);
    }

    String kid() {
        return kid;
    }

    /** Signs {@code claimsJson} with this key but names {@code headerKid} in the header. */
    String sign(String headerKid, String claimsJson) throws Exception {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + headerKid + "\"}";
        String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return IssuedSecrets.token(input + "." + B64.encodeToString(signer.sign()));
    }

    String sign(String claimsJson) throws Exception {
        return sign(kid, claimsJson);
    }

    String jwk() {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}";
    }

    static String jwks(List<TestKeys> keys) {
        return keys.stream().map(TestKeys::jwk).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return B64.encodeToString(bytes);
    }
}
