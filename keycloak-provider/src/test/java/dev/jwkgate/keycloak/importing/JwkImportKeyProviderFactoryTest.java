package dev.jwkgate.keycloak.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.jwkgate.keycloak.support.Refusals.assertRefused;

import dev.jwkgate.keycloak.support.FakeRealm;
import dev.jwkgate.keycloak.support.FakeSession;
import dev.jwkgate.keycloak.support.TestJwks;
import dev.jwkgate.keys.JwkThumbprint;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

class JwkImportKeyProviderFactoryTest {

    private final JwkImportKeyProviderFactory factory = new JwkImportKeyProviderFactory();
    private final RealmModel realm = FakeRealm.withAccessTokenLifespan(300);
    private final KeycloakSession session = FakeSession.withVault(Map.of());

    private static ComponentModel component(String privateJwk, String algorithm) {
        ComponentModel model = new ComponentModel();
        model.setId("imported-1");
        model.setProviderId(JwkImportKeyProviderFactory.ID);
        model.setProviderType(KeyProvider.class.getName());
        model.put("priority", "100");
        model.put("algorithm", algorithm);
        model.put(JwkImportKeyProviderFactory.PRIVATE_JWK, privateJwk);
        return model;
    }

    private KeyWrapper saveAndServe(ComponentModel model) {
        factory.validateConfiguration(session, realm, model);
        return factory.create(session, model).getKeysStream().findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"RSA, RS256, RSA,", "P-256, ES256, EC, P-256", "P-384, ES384, EC, P-384", "P-521, ES512, EC, P-521",
            "Ed25519, EdDSA, OKP, Ed25519"})
    void eachKeyTypeSignsWithItsNaturalAlgorithmAndKeepsItsKid(String type, String algorithm, String keyType, String curve) {
        KeyWrapper key = saveAndServe(component(TestJwks.privateJson(TestJwks.generate(type, "migrated-" + type)), "auto"));
        assertThat(key.getKid()).isEqualTo("migrated-" + type);
        assertThat(key.getAlgorithm()).isEqualTo(algorithm);
        assertThat(key.getType()).isEqualTo(keyType);
        assertThat(key.getCurve()).isEqualTo(curve);
        assertThat(key.getStatus()).isEqualTo(KeyStatus.ACTIVE);
        assertThat(key.getPrivateKey()).isNotNull();
    }

    @Test
    void aJwkWithoutKidIsNamedByItsRfc7638Thumbprint() {
        PublicJsonWebKey jwk = TestJwks.generate("P-256", null);
        KeyWrapper key = saveAndServe(component(TestJwks.privateJson(jwk), "auto"));
        assertThat(key.getKid()).isEqualTo(JwkThumbprint.of(jwk.getPublicKey()));
    }

    @Test
    void aChosenAlgorithmThatFitsTheKeyIsUsed() {
        KeyWrapper key = saveAndServe(component(TestJwks.privateJson(TestJwks.generate("RSA", "r")), "PS256"));
        assertThat(key.getAlgorithm()).isEqualTo("PS256");
    }

    @Test
    void anAlgorithmThatDoesNotFitTheKeyIsRefused() {
        ComponentModel model = component(TestJwks.privateJson(TestJwks.generate("P-256", "e")), "RS256");
        assertRefused(() -> factory.validateConfiguration(session, realm, model)).startsWith("'Private JWK' refused: ");
    }

    @Test
    void aPublicOnlyJwkIsRefusedNamingTheProblem() {
        ComponentModel model = component(TestJwks.publicJson(TestJwks.generate("P-256", "e")), "auto");
        assertRefused(() -> factory.validateConfiguration(session, realm, model)).contains("'Private JWK' refused: ");
    }

    @Test
    void aPrivatePartOfAnotherKeyIsRefusedWithoutEchoingIt() {
        String foreignD = TestJwks.member(TestJwks.privateJson(TestJwks.generate("P-256", null)), "d");
        String mixed = TestJwks.withMember(TestJwks.privateJson(TestJwks.generate("P-256", "e")), "d", foreignD);
        assertRefused(() -> factory.validateConfiguration(session, realm, component(mixed, "auto"))).doesNotContain(foreignD);
    }

    @Test
    void textThatIsNoJsonIsRefused() {
        assertRefused(() -> factory.validateConfiguration(session, realm, component("-----BEGIN PRIVATE KEY-----", "auto"))).contains("'Private JWK' refused: ");
    }

    @Test
    void anEmptyKeyIsRefusedAsRequired() {
        assertRefused(() -> factory.validateConfiguration(session, realm, component(" ", "auto"))).isEqualTo("'Private JWK' is required");
    }

    @Test
    void aVaultReferenceIsResolvedThroughKeycloaksVault() {
        String json = TestJwks.privateJson(TestJwks.generate("Ed25519", "from-vault"));
        KeycloakSession withVault = FakeSession.withVault(Map.of("${vault.signing-jwk}", json));
        ComponentModel model = component("${vault.signing-jwk}", "auto");
        factory.validateConfiguration(withVault, realm, model);
        assertThat(factory.create(withVault, model).getKeysStream()).extracting(KeyWrapper::getKid).containsExactly("from-vault");
    }

    @Test
    void aVaultReferenceToNothingIsRefusedNamingTheEntry() {
        assertRefused(() -> factory.validateConfiguration(session, realm, component("${vault.missing}", "auto"))).contains("vault entry 'missing'");
    }

    @Test
    void theKeySettingIsSecretSoTheConsoleAndApiMaskIt() {
        assertThat(factory.getConfigProperties()).filteredOn(p -> p.getName().equals("privateJwk"))
                .singleElement().satisfies(p -> {
                    assertThat(p.isSecret()).isTrue();
                    assertThat(p.getType()).isEqualTo(ProviderConfigProperty.TEXT_TYPE);
                });
        assertThat(factory.getConfigProperties()).extracting(ProviderConfigProperty::getName)
                .containsExactly("priority", "enabled", "active", "algorithm", "privateJwk");
    }

    @Test
    void thePassiveSwitchKeepsTheKeyForVerificationOnly() {
        ComponentModel model = component(TestJwks.privateJson(TestJwks.generate("P-256", "p")), "auto");
        model.put("active", "false");
        assertThat(saveAndServe(model).getStatus()).isEqualTo(KeyStatus.PASSIVE);
    }

    @Test
    void theCheckedKeyIsCachedOnTheComponentSoRequestsDoNotImportAgain() {
        ComponentModel model = component(TestJwks.privateJson(TestJwks.generate("RSA", "c")), "auto");
        KeyWrapper first = saveAndServe(model);
        assertThat(factory.create(session, model).getKeysStream().findFirst().orElseThrow()).isSameAs(first);
    }

    @Test
    void aKidAnotherEnabledKeyOfTheRealmUsesIsRefused() {
        KeycloakSession withKey = FakeSession.withVaultAndKeys(Map.of(), List.of(realmKey("rsa-generated-1", "shared-kid", KeyStatus.PASSIVE)));
        ComponentModel model = component(TestJwks.privateJson(TestJwks.generate("P-256", "shared-kid")), "auto");
        assertRefused(() -> factory.validateConfiguration(withKey, realm, model))
                .isEqualTo("'Private JWK' refused: kid 'shared-kid' is already used by another enabled key of realm test "
                        + "(provider rsa-generated-1); each enabled key of a realm needs its own kid");
    }

    @Test
    void aKidUsedOnlyByADisabledKeyOrByThisComponentItselfIsAccepted() {
        KeycloakSession withKeys = FakeSession.withVaultAndKeys(Map.of(), List.of(
                realmKey("old-provider", "reused-kid", KeyStatus.DISABLED), realmKey("imported-1", "reused-kid", KeyStatus.ACTIVE)));
        ComponentModel model = component(TestJwks.privateJson(TestJwks.generate("P-256", "reused-kid")), "auto");
        factory.validateConfiguration(withKeys, realm, model);
        assertThat(factory.create(withKeys, model).getKeysStream()).extracting(KeyWrapper::getKid).containsExactly("reused-kid");
    }

    @Test
    void aDisabledImportMayShareAKidSoAnAdminCanStageAReplacement() {
        KeycloakSession withKey = FakeSession.withVaultAndKeys(Map.of(), List.of(realmKey("rsa-generated-1", "staged", KeyStatus.ACTIVE)));
        ComponentModel model = component(TestJwks.privateJson(TestJwks.generate("P-256", "staged")), "auto");
        model.put("enabled", "false");
        factory.validateConfiguration(withKey, realm, model);
        assertThat(factory.create(withKey, model).getKeysStream()).extracting(KeyWrapper::getStatus).containsExactly(KeyStatus.DISABLED);
    }

    private static KeyWrapper realmKey(String componentId, String kid, KeyStatus status) {
        KeyWrapper key = new KeyWrapper();
        key.setProviderId(componentId);
        key.setKid(kid);
        key.setStatus(status);
        return key;
    }
}
