package dev.jwkgate.keys.signing;

import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.JwkThumbprint;
import dev.jwkgate.keys.support.TestKeys;
import dev.jwkgate.support.RfcVectors;
import static dev.jwkgate.keys.support.TestKeys.json;
import static dev.jwkgate.keys.support.TestKeys.privateJwk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Importing private JWKs as signing keys: each family's happy path and each refusal. */
class SigningKeyImporterTest {

    private static ImportedSigningKey importKey(Map<String, Object> jwk, String requested) throws KeyImportException {
        return SigningKeyImporter.importPrivateJwk(json(jwk), requested);
    }

    private static String refusal(Map<String, Object> jwk, String requested) {
        try {
            importKey(jwk, requested);
        } catch (KeyImportException e) {
            return e.getMessage();
        }
        throw new AssertionError("the key was imported");
    }

    /** Signs with the imported private key via the JDK and verifies with the imported public key. */
    private static boolean signsAndVerifies(ImportedSigningKey key, String jcaAlgorithm) throws Exception {
        byte[] data = "data".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(jcaAlgorithm);
        signer.initSign(key.privateKey());
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(jcaAlgorithm);
        verifier.initVerify(key.publicKey());
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static String publicThumbprint(KeyPair pair) {
        return JwkThumbprint.of(json(TestKeys.publicJwk(pair.getPublic(), null)));
    }

    // ---- happy paths ----

    @Test
    void importsRsaKeyWithCrtMembersAsRs256ByDefault() throws Exception {
        KeyPair pair = TestKeys.rsa(2048);

        ImportedSigningKey key = importKey(privateJwk(pair, "rsa-1"), null);

        assertThat(key.keyId()).isEqualTo("rsa-1");
        assertThat(key.algorithm()).isEqualTo("RS256");
        assertThat(key.family()).isEqualTo(KeyFamily.RSA);
        assertThat(key.curve()).isNull();
        assertThat(key.thumbprint()).isEqualTo(publicThumbprint(pair));
        assertThat(signsAndVerifies(key, "SHA256withRSA")).isTrue();
    }

    @Test
    void importsRsaKeyGivenAsNEAndDOnly() throws Exception {
        Map<String, Object> jwk = privateJwk(TestKeys.rsa(2048), "rsa-1");
        List.of("p", "q", "dp", "dq", "qi").forEach(jwk::remove);

        ImportedSigningKey key = importKey(jwk, null);

        assertThat(key.algorithm()).isEqualTo("RS256");
        assertThat(signsAndVerifies(key, "SHA256withRSA")).isTrue();
    }

    @Test
    void importsP256KeyAsEs256ByDefault() throws Exception {
        KeyPair pair = TestKeys.p256();

        ImportedSigningKey key = importKey(privateJwk(pair, "ec-1"), null);

        assertThat(key.algorithm()).isEqualTo("ES256");
        assertThat(key.family()).isEqualTo(KeyFamily.EC);
        assertThat(key.curve()).isEqualTo("P-256");
        assertThat(key.thumbprint()).isEqualTo(publicThumbprint(pair));
        assertThat(signsAndVerifies(key, "SHA256withECDSA")).isTrue();
    }

    @Test
    void importsP384KeyAsEs384ByDefault() throws Exception {
        ImportedSigningKey key = importKey(privateJwk(TestKeys.ec("secp384r1"), "ec-384"), null);

        assertThat(key.algorithm()).isEqualTo("ES384");
        assertThat(key.curve()).isEqualTo("P-384");
    }

    @Test
    void importsP521KeyAsEs512ByDefault() throws Exception {
        ImportedSigningKey key = importKey(privateJwk(TestKeys.ec("secp521r1"), "ec-521"), null);

        assertThat(key.algorithm()).isEqualTo("ES512");
        assertThat(key.curve()).isEqualTo("P-521");
    }

    @Test
    void importsEd25519KeyAsEdDsa() throws Exception {
        KeyPair pair = TestKeys.edDsa("Ed25519");

        ImportedSigningKey key = importKey(privateJwk(pair, "ed-1"), null);

        assertThat(key.algorithm()).isEqualTo("EdDSA");
        assertThat(key.family()).isEqualTo(KeyFamily.OKP);
        assertThat(key.curve()).isEqualTo("Ed25519");
        assertThat(key.thumbprint()).isEqualTo(publicThumbprint(pair));
        assertThat(signsAndVerifies(key, "Ed25519")).isTrue();
    }

    @Test
    void importsEd448KeyAsEdDsa() throws Exception {
        ImportedSigningKey key = importKey(privateJwk(TestKeys.edDsa("Ed448"), "ed-448"), null);

        assertThat(key.algorithm()).isEqualTo("EdDSA");
        assertThat(key.curve()).isEqualTo("Ed448");
    }

    @Test
    void usesThumbprintAsKidWhenTheJwkHasNone() throws Exception {
        KeyPair pair = TestKeys.p256();

        ImportedSigningKey key = importKey(privateJwk(pair, null), null);

        assertThat(key.keyId()).isEqualTo(publicThumbprint(pair)).isEqualTo(key.thumbprint());
    }

    @Test
    void usesTheJwksOwnAlgWhenNoneIsRequested() throws Exception {
        Map<String, Object> jwk = privateJwk(TestKeys.rsa(2048), "r");
        jwk.put("alg", "PS512");

        assertThat(importKey(jwk, null).algorithm()).isEqualTo("PS512");
    }

    @Test
    void requestedAlgorithmOverridesTheJwksAlgWhenItFitsTheKey() throws Exception {
        Map<String, Object> jwk = privateJwk(TestKeys.rsa(2048), "r");
        jwk.put("alg", "RS256");

        ImportedSigningKey key = importKey(jwk, "PS256");

        assertThat(key.algorithm()).isEqualTo("PS256");
    }

    @Test
    void acceptsUseSigAndKeyOpsWithSign() throws Exception {
        Map<String, Object> jwk = privateJwk(TestKeys.p256(), "e");
        jwk.put("use", "sig");
        jwk.put("key_ops", List.of("sign", "verify"));

        assertThat(importKey(jwk, "ES256").algorithm()).isEqualTo("ES256");
    }

    @Test
    void importsRfc7517AppendixA2RsaKey() throws Exception {
        Map<String, Object> jwk = TestKeys.keysOf(RfcVectors.read("latchset/rfc7517_A.2.jwkset")).get(1);

        ImportedSigningKey key = importKey(jwk, null);

        assertThat(key.keyId()).isEqualTo("2011-04-29");
        assertThat(key.algorithm()).isEqualTo("RS256");
    }

    @Test
    void importsRfc7520P521PrivateKey() throws Exception {
        ImportedSigningKey key = SigningKeyImporter.importPrivateJwk(RfcVectors.read("latchset/rfc7520_3.2.jwk"), null);

        assertThat(key.keyId()).isEqualTo("bilbo.baggins@hobbiton.example");
        assertThat(key.algorithm()).isEqualTo("ES512");
    }

    @Test
    void importsRfc8037Ed25519KeyWithItsThumbprintAsKid() throws Exception {
        Map<?, ?> appendix = TestKeys.parse(RfcVectors.read("rfc8037/rfc8037_appendix_a_ed25519.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> privateKey = (Map<String, Object>) appendix.get("A.1_private_key");

        ImportedSigningKey key = importKey(privateKey, "EdDSA");

        assertThat(key.keyId()).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }

    // ---- refusals ----

    @Test
    void refusesRsaKeyWhosePrivateExponentBelongsToAnotherKey() {
        Map<String, Object> jwk = privateJwk(TestKeys.rsa(2048), "r");
        jwk.put("d", privateJwk(TestKeys.fresh("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)), null).get("d"));

        assertThat(refusal(jwk, null)).contains("'d' does not match");
    }

    @Test
    void refusesRsaKeyGivenAsNEAndDWhenDBelongsToAnotherKey() {
        Map<String, Object> jwk = privateJwk(TestKeys.rsa(2048), "r");
        List.of("p", "q", "dp", "dq", "qi").forEach(jwk::remove);
        Map<String, Object> other = privateJwk(TestKeys.fresh("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)), null);
        BigInteger n = TestKeys.big(jwk.get("n"));
        jwk.put("d", TestKeys.uint(TestKeys.big(other.get("d")).mod(n)));

        assertThat(refusal(jwk, null)).contains("self-test failed");
    }

    @Test
    void refusesRsaPrimesThatDoNotMultiplyToTheModulus() {
        Map<String, Object> jwk = privateJwk(TestKeys.rsa(2048), "r");
        jwk.put("p", privateJwk(TestKeys.rsa(3072), null).get("p"));

        assertThat(refusal(jwk, null)).isEqualTo("RSA primes 'p' and 'q' do not multiply to the modulus 'n'");
    }

    @Test
    void refusesWrongCrtExponent() {
        Map<String, Object> jwk = privateJwk(TestKeys.rsa(2048), "r");
        jwk.put("dp", TestKeys.uint(TestKeys.big(jwk.get("dp")).add(BigInteger.TWO)));

        assertThat(refusal(jwk, null)).isEqualTo("RSA CRT exponents 'dp'/'dq' do not match 'd'");
    }

    @Test
    void refusesWrongCrtCoefficient() {
        Map<String, Object> jwk = privateJwk(TestKeys.rsa(2048), "r");
        jwk.put("qi", TestKeys.uint(TestKeys.big(jwk.get("qi")).add(BigInteger.ONE)));

        assertThat(refusal(jwk, null)).isEqualTo("RSA CRT coefficient 'qi' is not the inverse of 'q' mod 'p'");
    }

    @Test
    void refusesIncompleteCrtMembers() {
        Map<String, Object> jwk = privateJwk(TestKeys.rsa(2048), "r");
        jwk.remove("dq");
        jwk.remove("qi");

        assertThat(refusal(jwk, null)).startsWith("incomplete RSA CRT parameters: missing dq, qi");
    }

    @Test
    void refusesWeakRsaKey() {
        Map<String, Object> jwk = privateJwk(TestKeys.rsa(1024), "weak");

        assertThat(refusal(jwk, null)).isEqualTo("RSA modulus has 1024 bits; at least 2048 are required");
    }

    @Test
    void refusesEcKeyWhosePublicPointBelongsToAnotherKey() {
        Map<String, Object> jwk = privateJwk(TestKeys.p256(), "e");
        Map<String, Object> other = TestKeys.publicJwk(TestKeys.fresh("EC", new ECGenParameterSpec("secp256r1")).getPublic(), null);
        jwk.put("x", other.get("x"));
        jwk.put("y", other.get("y"));

        assertThat(refusal(jwk, null)).isEqualTo("EC private key 'd' does not match the public point (x, y)");
    }

    @Test
    void refusesEcKeyWhosePublicPointIsTheNegation() {
        KeyPair pair = TestKeys.p256();
        Map<String, Object> jwk = privateJwk(pair, "e");
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        BigInteger p = ((ECFieldFp) publicKey.getParams().getCurve().getField()).getP();
        jwk.put("y", TestKeys.b64(TestKeys.fixed(p.subtract(publicKey.getW().getAffineY()), 32)));

        assertThat(refusal(jwk, null)).contains("self-test failed");
    }

    @Test
    void refusesEcPrivateKeyOfWrongLength() {
        Map<String, Object> jwk = privateJwk(TestKeys.p256(), "e");
        jwk.put("d", TestKeys.b64(new byte[31]));

        assertThat(refusal(jwk, null)).isEqualTo("EC member 'd' has 31 bytes; P-256 needs exactly 32");
    }

    @Test
    void refusesEcPrivateKeyZero() {
        Map<String, Object> jwk = privateJwk(TestKeys.p256(), "e");
        jwk.put("d", TestKeys.b64(new byte[32]));

        assertThat(refusal(jwk, null)).isEqualTo("EC private key 'd' is out of range for P-256");
    }

    @Test
    void refusesEcKeyWhosePublicPointIsOffTheCurve() {
        Map<String, Object> jwk = privateJwk(TestKeys.p256(), "e");
        jwk.put("y", TestKeys.b64(TestKeys.fixed(TestKeys.big(jwk.get("y")).add(BigInteger.ONE), 32)));

        assertThat(refusal(jwk, null)).isEqualTo("EC point (x, y) is not on curve P-256");
    }

    @Test
    void refusesEd25519KeyWhosePublicKeyBelongsToAnotherKey() throws Exception {
        Map<String, Object> jwk = privateJwk(TestKeys.edDsa("Ed25519"), "ed");
        jwk.put("x", TestKeys.publicJwk(java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic(), null).get("x"));

        assertThat(refusal(jwk, null)).contains("self-test failed");
    }

    @Test
    void refusesRequestedAlgorithmOfAnotherFamily() {
        assertThat(refusal(privateJwk(TestKeys.rsa(2048), "r"), "ES256"))
                .isEqualTo("requested algorithm ES256 needs an EC P-256 key; this is an RSA key");
    }

    @Test
    void refusesRequestedAlgorithmOfAnotherCurve() {
        assertThat(refusal(privateJwk(TestKeys.p256(), "e"), "ES512"))
                .isEqualTo("requested algorithm ES512 needs an EC P-521 key; this is an EC P-256 key");
    }

    @Test
    void refusesRequestedHmacAlgorithm() {
        assertThat(refusal(privateJwk(TestKeys.p256(), "e"), "HS256")).contains("HMAC");
    }

    @Test
    void refusesUnknownRequestedAlgorithm() {
        assertThat(refusal(privateJwk(TestKeys.p256(), "e"), "none"))
                .isEqualTo("requested algorithm 'none' is not a JWS signature algorithm jwkgate supports");
    }

    @Test
    void refusesJwkWhoseOwnAlgDoesNotFitTheKey() {
        Map<String, Object> jwk = privateJwk(TestKeys.p256(), "e");
        jwk.put("alg", "ES384");

        assertThat(refusal(jwk, null)).isEqualTo("alg ES384 needs an EC P-384 key; this is an EC P-256 key");
    }

    @Test
    void refusesJwkWithUseEnc() {
        Map<String, Object> jwk = privateJwk(TestKeys.p256(), "e");
        jwk.put("use", "enc");

        assertThat(refusal(jwk, null)).contains("use is 'enc'");
    }

    @Test
    void refusesJwkWhoseKeyOpsLackSign() {
        Map<String, Object> jwk = privateJwk(TestKeys.p256(), "e");
        jwk.put("key_ops", List.of("verify"));

        assertThat(refusal(jwk, null)).isEqualTo("key_ops does not list 'sign'");
    }

    @Test
    void refusesPublicOnlyJwk() {
        assertThat(refusal(TestKeys.publicJwk(TestKeys.p256().getPublic(), "e"), null))
                .isEqualTo("not a private key: member 'd' is missing");
    }

    @Test
    void refusesSymmetricKey() {
        Map<String, Object> jwk = new java.util.LinkedHashMap<>(Map.of("kty", "oct", "k", TestKeys.b64(new byte[32])));

        assertThat(refusal(jwk, "HS256")).contains("kty oct");
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertThatThrownBy(() -> SigningKeyImporter.importPrivateJwk("{\"kty\":", null))
                .isInstanceOf(KeyImportException.class)
                .hasMessage("private JWK is not valid JSON");
    }

    @Test
    void refusalMessagesNeverContainThePrivateKey() {
        Map<String, Object> jwk = privateJwk(TestKeys.p256(), "e");
        String d = (String) jwk.get("d");
        jwk.put("alg", "RS256");

        assertThat(refusal(jwk, null)).doesNotContain(d);
    }

    @Test
    void toStringNeverShowsKeyMaterial() throws Exception {
        KeyPair pair = TestKeys.rsa(2048);
        Map<String, Object> jwk = privateJwk(pair, "r");

        String shown = importKey(jwk, null).toString();

        assertThat(shown).contains("kid=r").contains("alg=RS256")
                .doesNotContain(TestKeys.big(jwk.get("d")).toString())
                .doesNotContain(TestKeys.big(jwk.get("n")).toString())
                .doesNotContain((String) jwk.get("d"));
    }
}
