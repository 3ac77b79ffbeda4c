package dev.jwkgate.keys;

import dev.jwkgate.keys.support.TestKeys;
import dev.jwkgate.support.RfcVectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 7638 thumbprints against the RFC vectors. */
class JwkThumbprintTest {

    @Test
    void matchesRfc7638Section31Example() {
        String jwk = RfcVectors.read("latchset/rfc7638_3.1.jwk");
        String expected = RfcVectors.read("latchset/rfc7638_3.1.thp").strip();

        assertThat(JwkThumbprint.of(jwk)).isEqualTo(expected);
    }

    @Test
    void matchesRfc8037AppendixA3ForEd25519() {
        Map<String, Object> appendix = TestKeys.parse(RfcVectors.read("rfc8037/rfc8037_appendix_a_ed25519.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> publicKey = (Map<String, Object>) appendix.get("A.2_public_key");

        assertThat(JwkThumbprint.of(TestKeys.json(publicKey))).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }

    @Test
    void privateJwkHasTheThumbprintOfItsPublicPart() {
        Map<String, Object> appendix = TestKeys.parse(RfcVectors.read("rfc8037/rfc8037_appendix_a_ed25519.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> privateKey = (Map<String, Object>) appendix.get("A.1_private_key");

        assertThat(JwkThumbprint.of(TestKeys.json(privateKey))).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }

    @Test
    void ignoresKidAlgAndUse() {
        Map<String, Object> bare = TestKeys.publicJwk(TestKeys.p256().getPublic(), null);
        Map<String, Object> decorated = TestKeys.publicJwk(TestKeys.p256().getPublic(), "some-kid");
        decorated.put("alg", "ES256");
        decorated.put("use", "sig");

        assertThat(JwkThumbprint.of(TestKeys.json(decorated))).isEqualTo(JwkThumbprint.of(TestKeys.json(bare)));
    }

    @Test
    void ofPublicKeyEqualsOfItsJwk() {
        var key = TestKeys.ec("secp384r1").getPublic();

        assertThat(JwkThumbprint.of(key)).isEqualTo(JwkThumbprint.of(TestKeys.json(TestKeys.publicJwk(key, "k"))));
    }

    @Test
    void symmetricKeyHashesKAndKtyOnly() throws Exception {
        String k = TestKeys.b64(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        String canonical = "{\"k\":\"" + k + "\",\"kty\":\"oct\"}";
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));

        String jwk = "{\"kty\":\"oct\",\"kid\":\"h\",\"alg\":\"HS256\",\"k\":\"" + k + "\"}";

        assertThat(JwkThumbprint.of(jwk)).isEqualTo(expected);
    }

    @Test
    void rsaThumbprintHashesTheCanonicalEKtyNForm() throws Exception {
        Map<String, Object> jwk = TestKeys.publicJwk(TestKeys.rsa(2048).getPublic(), "r");
        String canonical = "{\"e\":\"" + jwk.get("e") + "\",\"kty\":\"RSA\",\"n\":\"" + jwk.get("n") + "\"}";
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));

        assertThat(JwkThumbprint.of(TestKeys.rsa(2048).getPublic())).isEqualTo(expected);
    }

    @Test
    void refusesTextThatIsNotAJwk() {
        assertThatThrownBy(() -> JwkThumbprint.of("{\"kty\":\"nope\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
    }
}
