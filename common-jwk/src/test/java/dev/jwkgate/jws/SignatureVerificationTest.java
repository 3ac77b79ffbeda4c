package dev.jwkgate.jws;

import dev.jwkgate.token.TokenValidator;
import dev.jwkgate.token.support.Gate;
import dev.jwkgate.token.support.Jws;
import dev.jwkgate.token.support.SigningKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Step 4: every algorithm verifies with the JCA over the exact received input, with exact lengths checked first. */
class SignatureVerificationTest {

    static Stream<Arguments> algorithms() {
        SigningKey rsa = SigningKey.rsa("rsa");
        return Stream.of(
                Arguments.of("RS256", rsa), Arguments.of("RS384", rsa), Arguments.of("RS512", rsa),
                Arguments.of("PS256", rsa), Arguments.of("PS384", rsa), Arguments.of("PS512", rsa),
                Arguments.of("ES256", SigningKey.ec("p256", "P-256")),
                Arguments.of("ES384", SigningKey.ec("p384", "P-384")),
                Arguments.of("ES512", SigningKey.ec("p521", "P-521")),
                Arguments.of("EdDSA", SigningKey.ed("ed25519", "Ed25519")),
                Arguments.of("EdDSA", SigningKey.ed("ed448", "Ed448")),
                Arguments.of("HS256", SigningKey.hmac("h256", 32)),
                Arguments.of("HS384", SigningKey.hmac("h384", 48)),
                Arguments.of("HS512", SigningKey.hmac("h512", 64)));
    }

    private static Gate gateFor(String alg, SigningKey key) {
        return alg.startsWith("HS") ? Gate.withSecrets(key) : Gate.withKeys(key);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("algorithms")
    void acceptsAValidSignature(String alg, SigningKey key) {
        Gate gate = gateFor(alg, key);
        ValidationResult result = gate.validate(gate.token(key, alg).signedWith(key));
        assertThat(result.isValid()).as("%s", result).isTrue();
        assertThat(result.token().algorithm()).isEqualTo(alg);
        assertThat(result.token().keyId()).isEqualTo(key.kid());
        assertThat(result.token().thumbprint()).isEqualTo(key.trusted().thumbprint());
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("algorithms")
    void refusesASignatureWithOneBitFlipped(String alg, SigningKey key) {
        Gate gate = gateFor(alg, key);
        String token = gate.token(key, alg).signedWith(key);
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        signature[signature.length / 2] ^= 0x01;
        String flipped = token.substring(0, token.lastIndexOf('.') + 1) + SigningKey.b64(signature);
        gate.refuses(flipped, ReasonCode.BAD_SIGNATURE);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("algorithms")
    void refusesAPayloadChangedAfterSigning(String alg, SigningKey key) {
        Gate gate = gateFor(alg, key);
        String[] parts = gate.token(key, alg).signedWith(key).split("\\.");
        String forged = gate.token(key, alg).claim("sub", "admin").signingInput().split("\\.")[1];
        gate.refuses(parts[0] + "." + forged + "." + parts[2], ReasonCode.BAD_SIGNATURE);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("algorithms")
    void refusesASignatureOneByteTooLong(String alg, SigningKey key) {
        Gate gate = gateFor(alg, key);
        String token = gate.token(key, alg).signedWith(key);
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        String padded = token.substring(0, token.lastIndexOf('.') + 1) + SigningKey.b64(Arrays.copyOf(signature, signature.length + 1));
        assertThat(gate.refuses(padded, ReasonCode.BAD_SIGNATURE)).contains("bytes");
    }

    @Test
    void refusesEcdsaSignatureInDerInsteadOfJwsEncoding() throws Exception {
        SigningKey ec = SigningKey.ec("p256", "P-256");
        Gate gate = Gate.withKeys(ec);
        Jws jws = gate.token(ec, "ES256");
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign((java.security.PrivateKey) ec.signer());
        der.update(jws.signingInput().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        gate.refuses(jws.withSignature(der.sign()), ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void refusesPssSignatureWithAnotherSaltLength() throws Exception {
        SigningKey rsa = SigningKey.rsa("rsa");
        Gate gate = Gate.withKeys(rsa);
        Jws jws = gate.token(rsa, "PS256");
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 0, 1));
        pss.initSign((java.security.PrivateKey) rsa.signer());
        pss.update(jws.signingInput().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        gate.refuses(jws.withSignature(pss.sign()), ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void refusesRs256SignatureOnAPs256Token() {
        SigningKey rsa = SigningKey.rsa("rsa");
        Gate gate = Gate.withKeys(rsa);
        Jws jws = gate.token(rsa, "PS256");
        byte[] pkcs1 = Jws.sign("RS256", rsa.signer(), jws.signingInput().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        gate.refuses(jws.withSignature(pkcs1), ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void verifiesTheSameAlgorithmFromManyThreadsAtOnce() throws Exception {
        SigningKey rsa = SigningKey.rsa("rsa");
        SigningKey other = SigningKey.ec("p256", "P-256");
        Gate gate = Gate.withKeys(rsa, other);
        TokenValidator validator = gate.validator();
        String good = gate.token(rsa, "RS256").signedWith(rsa);
        String bad = gate.token(rsa, "RS256").claim("sub", "mallory").signingInput() + "." + good.split("\\.")[2];
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean expectValid = i % 2 == 0;
                String token = expectValid ? good : bad;
                results.add(pool.submit(() -> validator.validate(token).isValid() == expectValid));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The per-thread RSA engines are kept initialised between tokens: a change of key must still be seen. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"RS256", "PS256"})
    void switchingBetweenTwoRsaKeysOnOneThreadVerifiesEachWithItsOwn(String alg) {
        SigningKey one = SigningKey.rsa("one", 2048, "switch-one");
        SigningKey two = SigningKey.rsa("two", 2048, "switch-two");
        Gate gate = Gate.withKeys(one, two);
        String byOne = gate.token(one, alg).signedWith(one);
        String byTwo = gate.token(two, alg).signedWith(two);
        String twoClaimingOne = gate.token(one, alg).signedWith(two);
        for (int round = 0; round < 3; round++) {
            assertThat(gate.validate(byOne).isValid()).isTrue();
            gate.refuses(twoClaimingOne, ReasonCode.BAD_SIGNATURE);
            assertThat(gate.validate(byTwo).isValid()).isTrue();
        }
    }
}
