package dev.jwkgate.fuzz;

import dev.jwkgate.leaks.IssuedSecrets;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/** One fixed RSA key for the fuzz targets: seeded, so a saved crashing input replays identically. */
final class FuzzKeys {

    static final String ISSUER = "https://idp.example/realms/fuzz";
    static final String KID = "fuzz-rs256";
    static final KeyPair RSA = rsa();
    static final String JWKS = jwks();

    private FuzzKeys() {
    }

    /** Signs header.payload with RS256 exactly as given, so the fuzzer controls every byte of both. */
    static String signRs256(String headerJson, String payloadJson) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(RSA.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64.encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Independent oracle: does the token's signature verify with our public key under RS256? */
    static boolean signatureVerifies(String token) {
        try {
            int dot = token.lastIndexOf('.');
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(RSA.getPublic());
            verifier.update(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getUrlDecoder().decode(token.substring(dot + 1)));
        } catch (Exception e) {
            return false;
        }
    }

    private static KeyPair rsa() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed("jwkgate-fuzz".getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair pair = generator.generateKeyPair();
            IssuedSecrets.privateKey(pair.getPrivate());
            return pair;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks() {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(RSA.getPublic());
            jwk.setKeyId(KID);
            return "{\"keys\":[" + jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
