package dev.jwkgate.keys;

import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.support.TestKeys;
import static dev.jwkgate.keys.support.TestKeys.jwks;
import static dev.jwkgate.keys.support.TestKeys.publicJwk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The set-level rules of JWKS ingestion and the per-key rules that do not depend on the key family. */
class KeyIngestionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final KeyIngestionPolicy policy = new KeyIngestionPolicy(65_536, 100);

    private IngestedKeySet ingest(String json) throws KeySetRejectedException {
        return policy.ingest(json, KeyOrigin.REMOTE, NOW);
    }

    private KeyRefusal onlyRefusal(Map<String, Object> jwk) throws KeySetRejectedException {
        IngestedKeySet result = ingest(jwks(jwk));
        assertThat(result.keys().size()).isZero();
        assertThat(result.refusals()).hasSize(1);
        return result.refusals().get(0);
    }

    private static Map<String, Object> rsa(String kid) {
        return publicJwk(TestKeys.rsa(2048).getPublic(), kid);
    }

    private static Map<String, Object> ec(String kid) {
        return publicJwk(TestKeys.p256().getPublic(), kid);
    }

    // ---- the set as a whole ----

    @Test
    void acceptsAGoodSetAndStampsItsLoadTime() throws Exception {
        IngestedKeySet result = ingest(jwks(rsa("r1"), ec("e1")));

        assertThat(result.refusals()).isEmpty();
        assertThat(result.keys().keyIds()).containsExactly("r1", "e1");
        assertThat(result.keys().loadedAt()).isEqualTo(NOW);
    }

    @Test
    void acceptsAnEmptyKeysArray() throws Exception {
        IngestedKeySet result = ingest("{\"keys\":[]}");

        assertThat(result.keys().size()).isZero();
        assertThat(result.refusals()).isEmpty();
    }

    @Test
    void rejectsSetLargerThanMaxJwksBytes() {
        KeyIngestionPolicy small = new KeyIngestionPolicy(1024, 100);
        String body = jwks(rsa("r1"), rsa("r2"), rsa("r3"));

        assertThatThrownBy(() -> small.ingest(body, KeyOrigin.REMOTE, NOW))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessageContaining("max_jwks_bytes (1024)");
    }

    @Test
    void countsMaxJwksBytesInUtf8NotInCharacters() throws Exception {
        String padding = "\u00e9".repeat(600); // 600 characters, 1200 UTF-8 bytes
        String body = "{\"keys\":[],\"note\":\"" + padding + "\"}";
        KeyIngestionPolicy small = new KeyIngestionPolicy(1024, 100);
        assertThat(body.length()).isLessThan(1024);

        assertThatThrownBy(() -> small.ingest(body, KeyOrigin.REMOTE, NOW))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessageContaining("max_jwks_bytes");
        assertThat(new KeyIngestionPolicy(2048, 100).ingest(body, KeyOrigin.REMOTE, NOW).keys().size()).isZero();
    }

    @Test
    void rejectsSetWithMoreKeysThanMaxJwksKeys() {
        KeyIngestionPolicy two = new KeyIngestionPolicy(65_536, 2);
        String body = jwks(ec("a"), ec("b"), ec("c"));

        assertThatThrownBy(() -> two.ingest(body, KeyOrigin.REMOTE, NOW))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS has 3 keys, more than max_jwks_keys (2)");
    }

    @Test
    void rejectsTextThatIsNotJson() {
        assertThatThrownBy(() -> ingest("{\"keys\": [ nope ]}"))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS is not valid JSON");
    }

    @Test
    void rejectsTrailingTextAfterTheObject() {
        assertThatThrownBy(() -> ingest("{\"keys\":[]} {\"keys\":[]}"))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS is not valid JSON");
    }

    @Test
    void rejectsEmptyBody() {
        assertThatThrownBy(() -> ingest(" "))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS is empty");
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        assertThatThrownBy(() -> ingest("[{\"keys\":[]}]"))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS is not a JSON object");
    }

    @Test
    void rejectsObjectWithoutKeysArray() {
        assertThatThrownBy(() -> ingest("{\"keys\":{}}"))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS has no \"keys\" array");
    }

    @Test
    void rejectsDeeplyNestedJsonBeforeParsing() {
        String deep = "{\"keys\":[],\"x\":" + "[".repeat(50) + "]".repeat(50) + "}";

        assertThatThrownBy(() -> ingest(deep))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessageContaining("deeper than");
    }

    @Test
    void rejectsDuplicateMemberNames() {
        assertThatThrownBy(() -> ingest("{\"keys\":[],\"keys\":[]}"))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS repeats a member name");
    }

    @Test
    void rejectsAJwksWithATrailingComma() {
        String body = jwks(rsa("r")).replaceFirst("}]}$", "},]}");

        assertThatThrownBy(() -> ingest(body))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS is not valid JSON");
    }

    @Test
    void rejectsAJwksWithANumberWithALeadingZero() {
        String body = "{\"keys\":[],\"version\":01}";

        assertThatThrownBy(() -> ingest(body))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS is not valid JSON");
    }

    @Test
    void rejectsAJwksWithALoneSurrogateEscape() {
        String body = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\\ud800\"}]}";

        assertThatThrownBy(() -> ingest(body))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS is not valid JSON");
    }

    @Test
    void rejectsAJwksHoldingARawLoneSurrogate() {
        String body = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\ud800\"}]}";

        assertThatThrownBy(() -> ingest(body))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS is not valid JSON");
    }

    @Test
    void rejectsDuplicateMemberNamesInsideAKey() {
        String body = "{\"keys\":[{\"kty\":\"EC\",\"kty\":\"RSA\"}]}";

        assertThatThrownBy(() -> ingest(body))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS repeats a member name");
    }

    @Test
    void rejectsSetWithTheSameKidTwiceForOneKeyType() {
        Map<String, Object> other = publicJwk(TestKeys.rsa(3072).getPublic(), "same");

        assertThatThrownBy(() -> ingest(jwks(rsa("same"), other)))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS lists kid 'same' more than once for kty 'RSA'");
    }

    /** Keycloak's realm JWKS: its RS256 signing key and its RSA-OAEP encryption key, here under one kid. */
    private static Map<String, Object> keycloakKey(java.security.PublicKey key, String alg, String use) {
        Map<String, Object> jwk = publicJwk(key, "Zk0wKl2Z5v6RQo2hYd2Cw2aX1R0ZP1m6c3ruyVxCZWQ");
        jwk.put("alg", alg);
        jwk.put("use", use);
        return jwk;
    }

    @Test
    void acceptsKeycloaksSigningKeyWhenItsEncryptionKeySharesTheKid() throws Exception {
        Map<String, Object> signing = keycloakKey(TestKeys.rsa(2048).getPublic(), "RS256", "sig");
        Map<String, Object> encryption = keycloakKey(TestKeys.rsa(3072).getPublic(), "RSA-OAEP", "enc");

        IngestedKeySet result = ingest(jwks(signing, encryption));

        assertThat(result.keys().withKeyId("Zk0wKl2Z5v6RQo2hYd2Cw2aX1R0ZP1m6c3ruyVxCZWQ")).singleElement()
                .satisfies(key -> assertThat(key.algorithms()).containsExactly("RS256"));
        assertThat(result.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.keyId()).isEqualTo("Zk0wKl2Z5v6RQo2hYd2Cw2aX1R0ZP1m6c3ruyVxCZWQ");
            assertThat(refusal.why()).contains("enc");
        });
    }

    @Test
    void acceptsTheSigningKeyWhateverTheOrderOfAnUnusableKeySharingItsKid() throws Exception {
        Map<String, Object> weak = publicJwk(TestKeys.rsa(1024).getPublic(), "same");

        IngestedKeySet result = ingest(jwks(weak, rsa("same")));

        assertThat(result.keys().withKeyId("same")).singleElement()
                .satisfies(key -> assertThat(key.key()).isEqualTo(TestKeys.rsa(2048).getPublic()));
        assertThat(result.refusals()).extracting(KeyRefusal::keyId).containsExactly("same");
    }

    @Test
    void rejectsTwoUsableKeysOfOneTypeUnderOneKidEvenWhenEachNamesAnotherAlg() {
        Map<String, Object> pkcs1 = rsa("same");
        pkcs1.put("alg", "RS256");
        Map<String, Object> pss = publicJwk(TestKeys.rsa(3072).getPublic(), "same");
        pss.put("alg", "PS256");

        assertThatThrownBy(() -> ingest(jwks(pkcs1, pss)))
                .isInstanceOf(KeySetRejectedException.class)
                .hasMessage("JWKS lists kid 'same' more than once for kty 'RSA'");
    }

    @Test
    void acceptsTheSameKidForDifferentKeyTypes() throws Exception {
        IngestedKeySet result = ingest(jwks(rsa("same"), ec("same")));

        assertThat(result.refusals()).isEmpty();
        assertThat(result.keys().withKeyId("same")).extracting(TrustedKey::family)
                .containsExactlyInAnyOrder(KeyFamily.RSA, KeyFamily.EC);
    }

    @Test
    void acceptsSeveralKeysWithoutKid() throws Exception {
        IngestedKeySet result = ingest(jwks(ec(null), rsa(null)));

        assertThat(result.keys().size()).isEqualTo(2);
        assertThat(result.keys().keys()).extracting(TrustedKey::keyId).containsOnlyNulls();
    }

    @Test
    void oneBadKeyDoesNotTakeDownTheGoodOnes() throws Exception {
        Map<String, Object> weak = publicJwk(TestKeys.rsa(1024).getPublic(), "weak");
        Map<String, Object> encryption = ec("enc");
        encryption.put("use", "enc");

        IngestedKeySet result = ingest(jwks(rsa("good-rsa"), weak, encryption, ec("good-ec")));

        assertThat(result.keys().keyIds()).containsExactly("good-rsa", "good-ec");
        assertThat(result.refusals()).extracting(KeyRefusal::keyId).containsExactly("weak", "enc");
    }

    @Test
    void refusesEntryThatIsNotAnObject() throws Exception {
        IngestedKeySet result = ingest("{\"keys\":[\"x\"," + TestKeys.json(ec("e")) + "]}");

        assertThat(result.keys().keyIds()).containsExactly("e");
        assertThat(result.refusals()).singleElement()
                .extracting(KeyRefusal::why).isEqualTo("keys[0] is not a JSON object");
    }

    // ---- trusted keys ----

    @Test
    void trustedKeyCarriesItsRfc7638Thumbprint() throws Exception {
        TrustedKey key = ingest(jwks(ec("e"))).keys().keys().get(0);

        assertThat(key.thumbprint()).isEqualTo(JwkThumbprint.of(TestKeys.json(ec(null))));
        assertThat(ingest(jwks(ec("e"))).keys().containsThumbprint(key.thumbprint())).isTrue();
    }

    @Test
    void rsaKeyWithoutAlgMayVerifyEveryRsaAlgorithm() throws Exception {
        TrustedKey key = ingest(jwks(rsa("r"))).keys().keys().get(0);

        assertThat(key.algorithms()).containsExactlyInAnyOrder("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
        assertThat(key.curve()).isNull();
    }

    @Test
    void keyWithAlgMayVerifyOnlyThatAlgorithm() throws Exception {
        Map<String, Object> jwk = rsa("r");
        jwk.put("alg", "PS384");

        TrustedKey key = ingest(jwks(jwk)).keys().keys().get(0);

        assertThat(key.algorithms()).containsExactly("PS384");
    }

    // ---- use, key_ops, alg ----

    @Test
    void refusesKeyWhoseUseIsEnc() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.put("use", "enc");

        KeyRefusal refusal = onlyRefusal(jwk);

        assertThat(refusal.why()).contains("use is 'enc'");
        assertThat(refusal.leak()).isFalse();
        assertThat(refusal.keyId()).isEqualTo("e");
        assertThat(refusal.kty()).isEqualTo("EC");
    }

    @Test
    void acceptsKeyWhoseUseIsSig() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.put("use", "sig");

        assertThat(ingest(jwks(jwk)).keys().keyIds()).containsExactly("e");
    }

    @Test
    void refusesKeyWhoseKeyOpsLackVerify() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.put("key_ops", List.of("encrypt", "wrapKey"));

        assertThat(onlyRefusal(jwk).why()).isEqualTo("key_ops does not list 'verify'");
    }

    @Test
    void acceptsKeyWhoseKeyOpsListVerify() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.put("key_ops", List.of("verify"));

        assertThat(ingest(jwks(jwk)).keys().keyIds()).containsExactly("e");
    }

    @Test
    void refusesKeyWhoseKeyOpsIsNotAnArray() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.put("key_ops", "verify");

        assertThat(onlyRefusal(jwk).why()).isEqualTo("member 'key_ops' is not an array");
    }

    @Test
    void refusesUnknownAlg() throws Exception {
        Map<String, Object> jwk = rsa("r");
        jwk.put("alg", "RSA-OAEP");

        assertThat(onlyRefusal(jwk).why()).contains("alg 'RSA-OAEP' is not a JWS signature algorithm");
    }

    @Test
    void refusesAlgNone() throws Exception {
        Map<String, Object> jwk = rsa("r");
        jwk.put("alg", "none");

        assertThat(onlyRefusal(jwk).why()).contains("alg 'none'");
    }

    @Test
    void refusesHmacAlgOnAnAsymmetricKey() throws Exception {
        Map<String, Object> jwk = rsa("r");
        jwk.put("alg", "HS256");

        assertThat(onlyRefusal(jwk).why()).isEqualTo("alg HS256 is an HMAC algorithm; an RSA key never serves HMAC");
    }

    @Test
    void refusesEcAlgOnAnRsaKey() throws Exception {
        Map<String, Object> jwk = rsa("r");
        jwk.put("alg", "ES256");

        assertThat(onlyRefusal(jwk).why()).isEqualTo("alg ES256 needs an EC P-256 key; this is an RSA key");
    }

    @Test
    void refusesEcAlgOfAnotherCurve() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.put("alg", "ES384");

        assertThat(onlyRefusal(jwk).why()).isEqualTo("alg ES384 needs an EC P-384 key; this is an EC P-256 key");
    }

    @Test
    void refusesRsaAlgOnAnEcKey() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.put("alg", "PS256");

        assertThat(onlyRefusal(jwk).why()).isEqualTo("alg PS256 needs an RSA key; this is an EC P-256 key");
    }

    @Test
    void refusesEdDsaAlgOnAnEcKey() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.put("alg", "EdDSA");

        assertThat(onlyRefusal(jwk).why()).isEqualTo("alg EdDSA needs an OKP Ed25519 or Ed448 key; this is an EC P-256 key");
    }

    // ---- kty and members ----

    @Test
    void refusesUnknownKty() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.put("kty", "DSA");

        KeyRefusal refusal = onlyRefusal(jwk);

        assertThat(refusal.why()).isEqualTo("kty 'DSA' is not a known key type (RSA, EC, OKP)");
        assertThat(refusal.kty()).isEqualTo("DSA");
    }

    @Test
    void refusesKeyWithoutKty() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.remove("kty");

        assertThat(onlyRefusal(jwk).why()).isEqualTo("member 'kty' is missing");
    }

    @Test
    void refusesKidThatIsNotAString() throws Exception {
        Map<String, Object> jwk = ec(null);
        jwk.put("kid", 7);

        KeyRefusal refusal = onlyRefusal(jwk);

        assertThat(refusal.why()).isEqualTo("member 'kid' is not a string");
        assertThat(refusal.keyId()).isNull();
    }

    @Test
    void refusesMissingMemberAndNamesIt() throws Exception {
        Map<String, Object> jwk = rsa("r");
        jwk.remove("e");

        assertThat(onlyRefusal(jwk).why()).isEqualTo("member 'e' is missing");
    }

    @Test
    void refusesMemberThatIsNotAString() throws Exception {
        Map<String, Object> jwk = rsa("r");
        jwk.put("n", 12345);

        assertThat(onlyRefusal(jwk).why()).isEqualTo("member 'n' is not a string");
    }

    @Test
    void refusesMalformedBase64UrlAndNamesTheMember() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.put("y", "not*base64");

        assertThat(onlyRefusal(jwk).why()).startsWith("member 'y' is not base64url");
    }

    @Test
    void refusesPaddedBase64() throws Exception {
        Map<String, Object> jwk = ec("e");
        jwk.put("x", jwk.get("x") + "=");

        assertThat(onlyRefusal(jwk).why()).startsWith("member 'x' is not base64url");
    }

    @Test
    void refusesBase64WithNonZeroTrailingBits() throws Exception {
        Map<String, Object> jwk = ec("e");
        String x = (String) jwk.get("x"); // 32 bytes: 43 characters, the last one carries 2 spare bits
        char last = x.charAt(x.length() - 1);
        char spoiled = "AEIMQUYcgkosw048".indexOf(last) >= 0 ? (char) (last + 1) : last;
        jwk.put("x", x.substring(0, x.length() - 1) + spoiled);

        assertThat(spoiled).isNotEqualTo(last);
        assertThat(onlyRefusal(jwk).why()).isEqualTo("member 'x' is not canonical base64url (non-zero trailing bits)");
    }

    @Test
    void messagesNeverQuoteKeyMaterial() throws Exception {
        Map<String, Object> jwk = rsa("r");
        String n = (String) jwk.get("n");
        jwk.put("n", n.substring(0, n.length() - 1) + "*");

        assertThat(onlyRefusal(jwk).why()).doesNotContain(n.substring(0, 16));
    }

    @Test
    void escapesUnicodeLineBreaksAndBidiControlsOfAHostileKtyInTheRefusal() throws Exception {
        Map<String, Object> jwk = rsa("r");
        jwk.put("kty", "RSA\u2028INFO ok\u0085\u202e");

        assertThat(onlyRefusal(jwk).why()).contains("'RSA\\u2028INFO ok\\u0085\\u202e'")
                .doesNotContain("\u2028").doesNotContain("\u0085").doesNotContain("\u202e");
    }

    @Test
    void sanitisesHostileKidInMessages() {
        String hostile = "a\nFAKE LOG LINE " + "x".repeat(200);
        Map<String, Object> first = ec(hostile);
        Map<String, Object> second = publicJwk(TestKeys.ec("secp384r1").getPublic(), hostile);

        assertThatThrownBy(() -> ingest(jwks(first, second)))
                .isInstanceOf(KeySetRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(200));
    }

    // ---- private and symmetric material ----

    @Test
    void refusesPrivateMembersInRemoteSetAsLeak() throws Exception {
        Map<String, Object> jwk = TestKeys.privateJwk(TestKeys.p256(), "e");

        KeyRefusal refusal = onlyRefusal(jwk);

        assertThat(refusal.leak()).isTrue();
        assertThat(refusal.why()).contains("private key members (d)").contains("compromised");
    }

    @Test
    void refusesPrivateMembersInLocalSetAndSaysToPublishOnlyThePublicPart() throws Exception {
        Map<String, Object> jwk = TestKeys.privateJwk(TestKeys.p256(), "e");

        IngestedKeySet result = policy.ingest(jwks(jwk), KeyOrigin.LOCAL, NOW);

        assertThat(result.keys().size()).isZero();
        assertThat(result.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.leak()).isFalse();
            assertThat(refusal.why()).contains("publish only the public part");
        });
    }

    @Test
    void namesEveryPrivateMemberPresent() throws Exception {
        Map<String, Object> jwk = TestKeys.privateJwk(TestKeys.rsa(2048), "r");

        assertThat(onlyRefusal(jwk).why()).contains("(d, p, q, dp, dq, qi)");
    }

    @Test
    void refusesASinglePrivateMemberEvenOnAnOtherwiseBrokenKey() throws Exception {
        Map<String, Object> jwk = new java.util.LinkedHashMap<>(Map.of("kty", "RSA", "p", "AQAB"));

        KeyRefusal refusal = onlyRefusal(jwk);

        assertThat(refusal.leak()).isTrue();
        assertThat(refusal.why()).contains("(p)");
    }

    @Test
    void refusesSymmetricKeyInRemoteSetAsLeak() throws Exception {
        Map<String, Object> jwk = new java.util.LinkedHashMap<>(Map.of("kty", "oct", "k", TestKeys.b64(new byte[32]), "kid", "h"));

        KeyRefusal refusal = onlyRefusal(jwk);

        assertThat(refusal.leak()).isTrue();
        assertThat(refusal.kty()).isEqualTo("oct");
        assertThat(refusal.why()).contains("symmetric key (kty oct)");
    }

    @Test
    void refusesSymmetricKeyInLocalSetWithoutCallingItALeak() throws Exception {
        Map<String, Object> jwk = new java.util.LinkedHashMap<>(Map.of("kty", "oct", "k", TestKeys.b64(new byte[32])));

        IngestedKeySet result = policy.ingest(jwks(jwk), KeyOrigin.LOCAL, NOW);

        assertThat(result.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.leak()).isFalse();
            assertThat(refusal.why()).contains("hmac_secrets");
        });
    }

    @Test
    void resultingKeySetCannotBeModified() throws Exception {
        IngestedKeySet result = ingest(jwks(ec("e")));

        assertThatThrownBy(() -> result.keys().keys().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
