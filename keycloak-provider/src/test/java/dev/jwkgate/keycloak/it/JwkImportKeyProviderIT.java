package dev.jwkgate.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keycloak.support.TestJwks;
import dev.jwkgate.keys.JwkThumbprint;
import dev.jwkgate.result.ValidationResult;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JWK import provider in a real Keycloak 26.5.6: import, kid kept, tokens, certs, core verification, refusals. */
@ExtendWith(SharedKeycloak.class)
class JwkImportKeyProviderIT {

    private static final String PROVIDER = "jwkgate-jwk-import";
    private static final String CLIENT = "svc";
    private static final String SECRET = "svc-secret-for-tests";

    private final AdminApi admin;
    private final KeycloakServer keycloak;

    JwkImportKeyProviderIT(AdminApi admin, KeycloakServer keycloak) {
        this.admin = admin;
        this.keycloak = keycloak;
    }

    @ParameterizedTest
    @CsvSource({"RSA, RS256", "P-256, ES256", "P-384, ES384", "P-521, ES512", "Ed25519, EdDSA"})
    void anImportedJwkSignsTokensUnderItsOwnKid(String type, String algorithm) {
        String realm = "import-" + type.toLowerCase(Locale.ROOT);
        PublicJsonWebKey jwk = TestJwks.generate(type, "idp-migrated-" + type);
        String id = realmWithImportedKey(realm, algorithm, Map.of(JWK, TestJwks.privateJson(jwk)));

        String token = admin.clientCredentialsToken(realm, CLIENT, SECRET);

        assertThat(Tokens.kid(token)).isEqualTo("idp-migrated-" + type);
        assertThat(Tokens.alg(token)).isEqualTo(algorithm);
        assertThat(admin.certs(realm)).anySatisfy(k -> {
            assertThat(k.get("kid")).isEqualTo("idp-migrated-" + type);
            assertThat(k).doesNotContainKey("d");
        });
        ValidationResult result = CoreVerifier.verify(keycloak.issuer(realm), token);
        assertThat(result.isValid()).as(result.toString()).isTrue();
        assertThat(result.token().keyId()).isEqualTo("idp-migrated-" + type);
        assertThat(admin.component(realm, id).get("config")).asString().contains("privateJwk=[**********]");
    }

    @Test
    void aJwkWithoutKidSignsUnderItsRfc7638Thumbprint() {
        String realm = "import-thumbprint";
        PublicJsonWebKey jwk = TestJwks.generate("P-256", null);
        realmWithImportedKey(realm, "ES256", Map.of(JWK, TestJwks.privateJson(jwk)));
        String token = admin.clientCredentialsToken(realm, CLIENT, SECRET);
        assertThat(Tokens.kid(token)).isEqualTo(JwkThumbprint.of(jwk.getPublicKey()));
    }

    @Test
    void aVaultReferenceKeepsTheKeyOutOfTheDatabase() throws Exception {
        String realm = "import-vault";
        keycloak.putVaultSecret(realm, "signing_jwk", TestJwks.privateJson(TestJwks.generate("Ed25519", "kept-in-vault")));
        String id = realmWithImportedKey(realm, "EdDSA", Map.of(JWK, "${vault.signing_jwk}"));
        assertThat(Tokens.kid(admin.clientCredentialsToken(realm, CLIENT, SECRET))).isEqualTo("kept-in-vault");
        // Keycloak shows vault references as they are: only the reference is stored
        assertThat(admin.component(realm, id).get("config")).asString().contains("privateJwk=[${vault.signing_jwk}]");
    }

    @Test
    void aBadJwkIsRefusedWith400AndTheStoredKeyKeepsSigning() {
        String realm = "import-bad-update";
        String id = realmWithImportedKey(realm, "ES256",
                Map.of(JWK, TestJwks.privateJson(TestJwks.generate("P-256", "working-key"))));

        PublicJsonWebKey weak = TestJwks.generate("P-256", "public-only");
        AdminApi.Response update = admin.updateComponent(realm, id, Map.of(JWK, TestJwks.publicJson(weak)));

        assertThat(update.status()).isEqualTo(400);
        assertThat(update.json().get("errorMessage")).asString().startsWith("'Private JWK' refused: ");
        assertThat(Tokens.kid(admin.clientCredentialsToken(realm, CLIENT, SECRET))).isEqualTo("working-key");
        assertThat(admin.certKids(realm)).contains("working-key").doesNotContain("public-only");
    }

    @Test
    void anAlgorithmThatDoesNotFitTheKeyIsRefusedOnCreate() {
        String realm = "import-misfit";
        admin.createRealm(realm, "RS256", 300);
        AdminApi.Response created = admin.addKeyProvider(realm, "imported", PROVIDER,
                Map.of("algorithm", "RS256", JWK, TestJwks.privateJson(TestJwks.generate("P-256", "ec"))));
        assertThat(created.status()).isEqualTo(400);
        assertThat(created.json().get("errorMessage")).asString().startsWith("'Private JWK' refused: ");
        assertThat(admin.keys(realm)).extracting(k -> k.get("kid")).doesNotContain("ec");
    }

    @Test
    void savingOtherSettingsWithTheMaskedKeyKeepsTheKey() {
        String realm = "import-masked-save";
        String id = realmWithImportedKey(realm, "RS256", Map.of(JWK, TestJwks.privateJson(TestJwks.generate("RSA", "rsa-kept"))));
        // what the console sends back: the masked value, with another setting changed
        AdminApi.Response update = admin.updateComponent(realm, id, Map.of("priority", "600"));
        assertThat(update.status()).as(update.body()).isEqualTo(204);
        List<Map<String, Object>> keys = admin.keys(realm);
        assertThat(keys).anySatisfy(k -> {
            assertThat(k.get("kid")).isEqualTo("rsa-kept");
            assertThat(((Number) k.get("providerPriority")).longValue()).isEqualTo(600L);
            assertThat(k.get("status")).isEqualTo("ACTIVE");
        });
    }

    @Test
    void aKidAnotherEnabledKeyOfTheRealmUsesIsRefusedWith400() {
        String realm = "import-kid-taken";
        realmWithImportedKey(realm, "ES256", Map.of(JWK, TestJwks.privateJson(TestJwks.generate("P-256", "taken-kid"))));
        AdminApi.Response second = admin.addKeyProvider(realm, "imported-again", PROVIDER,
                Map.of("priority", "400", "algorithm", "auto", JWK, TestJwks.privateJson(TestJwks.generate("P-256", "taken-kid"))));
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().get("errorMessage")).asString()
                .startsWith("'Private JWK' refused: kid 'taken-kid' is already used by another enabled key of realm import-kid-taken");
        assertThat(admin.keys(realm)).filteredOn(k -> "taken-kid".equals(k.get("kid"))).hasSize(1);
    }

    private static final String JWK = "privateJwk";

    private String realmWithImportedKey(String realm, String algorithm, Map<String, String> settings) {
        admin.createRealm(realm, algorithm, 300);
        admin.createServiceClient(realm, CLIENT, SECRET);
        Map<String, String> config = new HashMap<>(Map.of("priority", "500", "algorithm", "auto"));
        config.putAll(settings);
        AdminApi.Response created = admin.addKeyProvider(realm, "imported", PROVIDER, config);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.createdId();
    }
}
