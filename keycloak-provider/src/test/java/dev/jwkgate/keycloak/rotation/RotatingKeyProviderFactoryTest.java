package dev.jwkgate.keycloak.rotation;

import static dev.jwkgate.keycloak.support.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.keycloak.support.FakeRealm;
import dev.jwkgate.keycloak.support.FakeSession;
import dev.jwkgate.keys.rotation.KeyEncryptionKeyring;
import dev.jwkgate.keys.rotation.KeyPhase;
import dev.jwkgate.keys.rotation.ManagedKey;
import dev.jwkgate.keys.rotation.RotationState;
import dev.jwkgate.keys.rotation.RotationStateCodec;
import dev.jwkgate.source.support.TestClock;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

class RotatingKeyProviderFactoryTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final StoredComponents db = new StoredComponents();
    private final RotatingKeyProviderFactory factory = TestFactories.rotating(clock, db);
    private final RealmModel realm = FakeRealm.withAccessTokenLifespan(300);

    private ComponentModel component(String algorithm) {
        ComponentModel model = new ComponentModel();
        model.setId("component-1");
        model.setName("rotating");
        model.setProviderId(RotatingKeyProviderFactory.ID);
        model.setProviderType(KeyProvider.class.getName());
        model.put("priority", "100");
        model.put("algorithm", algorithm);
        model.put(RotatingKeyProviderFactory.ROTATION_PERIOD, "60s");
        model.put(RotatingKeyProviderFactory.PRE_PUBLICATION, "20s");
        model.put(RotatingKeyProviderFactory.RETIREMENT_GRACE, "15m");
        return model;
    }

    /** An admin's save as Keycloak runs it: validation, then the model becomes the stored row. */
    private ComponentModel save(KeycloakSession session, ComponentModel model) {
        factory.validateConfiguration(session, realm, model);
        db.commit(model);
        return model;
    }

    private ComponentModel save(ComponentModel model) {
        return save(null, model);
    }

    private RotationState stateOf(ComponentModel model) {
        return RotationStateCodec.read(model.get(RotatingKeyProviderFactory.STATE));
    }

    @Test
    void theFirstSaveGeneratesTheSigningKeyIntoTheStoredState() {
        ComponentModel model = save(component("ES256"));
        assertThat(stateOf(model).keys()).singleElement().satisfies(k -> {
            assertThat(k.phase()).isEqualTo(KeyPhase.ACTIVE);
            assertThat(k.algorithm()).isEqualTo("ES256");
        });
        assertThat(stateOf(model).revision()).isEqualTo(1);
    }

    @Test
    void theStateIsNotADeclaredSettingSoTheAdminApiNeverShowsIt() {
        assertThat(factory.getConfigProperties()).extracting(p -> p.getName())
                .doesNotContain(RotatingKeyProviderFactory.STATE)
                .contains("priority", "enabled", "active", "algorithm");
    }

    @Test
    void savingWithRotateEarlyPublishesTheSuccessorAndClearsTheSwitch() {
        ComponentModel model = save(component("ES256"));
        model.put(RotatingKeyProviderFactory.ROTATE_NOW, "true");
        clock.advance(Duration.ofSeconds(5));
        save(model);
        assertThat(stateOf(model).inPhase(KeyPhase.PUBLISHED)).isPresent();
        assertThat(stateOf(model).earlyRotationRequested()).isTrue();
        assertThat(model.get(RotatingKeyProviderFactory.ROTATE_NOW)).isEqualTo("false");
    }

    @Test
    void aGraceShorterThanTheRealmsTokenLifespanIsRefused() {
        ComponentModel model = component("ES256");
        model.put(RotatingKeyProviderFactory.RETIREMENT_GRACE, "45s");
        assertRefused(() -> factory.validateConfiguration(null, realm, model)).contains("'Retirement grace' (45s) is shorter than the longest token lifespan of realm test (15m)");
    }

    @Test
    void anEmptyGraceDefaultsToAtLeastOneDay() {
        ComponentModel model = component("ES256");
        model.put(RotatingKeyProviderFactory.RETIREMENT_GRACE, "");
        assertThat(RotatingKeyProviderFactory.policy(realm, model).grace()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void anUnreadablePeriodIsRefusedNamingTheSetting() {
        ComponentModel model = component("ES256");
        model.put(RotatingKeyProviderFactory.ROTATION_PERIOD, "monthly");
        assertRefused(() -> factory.validateConfiguration(null, realm, model)).contains("'Rotation period'");
    }

    @Test
    void anAlgorithmOutsideTheListIsRefused() {
        ComponentModel model = component("HS256");
        assertRefused(() -> factory.validateConfiguration(null, realm, model)).startsWith("'Algorithm' should be RS256");
    }

    @Test
    void onlyTheActiveKeySignsTheWaitingSuccessorIsPassive() {
        ComponentModel model = save(component("EdDSA"));
        clock.advance(Duration.ofSeconds(40));
        save(model);
        assertThat(factory.create(null, model).getKeysStream())
                .extracting(KeyWrapper::getStatus).containsExactlyInAnyOrder(KeyStatus.ACTIVE, KeyStatus.PASSIVE);
    }

    @Test
    void keysCarryTheKidAlgorithmTypeCurveAndPriorityKeycloakPublishes() {
        ComponentModel model = save(component("ES384"));
        KeyWrapper key = factory.create(null, model).getKeysStream().findFirst().orElseThrow();
        assertThat(key.getKid()).isEqualTo(stateOf(model).keys().get(0).kid());
        assertThat(key.getAlgorithm()).isEqualTo("ES384");
        assertThat(key.getType()).isEqualTo("EC");
        assertThat(key.getCurve()).isEqualTo("P-384");
        assertThat(key.getProviderPriority()).isEqualTo(100L);
        assertThat(key.getProviderId()).isEqualTo("component-1");
    }

    @Test
    void aDisabledProviderPublishesNothingUsable() {
        ComponentModel model = save(component("RS256"));
        model.put("enabled", "false");
        assertThat(new RotatingKeyProvider(null, model).getKeysStream()).extracting(KeyWrapper::getStatus).containsOnly(KeyStatus.DISABLED);
    }

    @Test
    void theDecodedKeysAreCachedOnTheComponentSoRequestsDoNotParseAgain() {
        ComponentModel model = save(component("RS256"));
        KeyWrapper first = factory.create(null, model).getKeysStream().findFirst().orElseThrow();
        KeyWrapper second = factory.create(null, model).getKeysStream().findFirst().orElseThrow();
        assertThat(second).isSameAs(first);
    }

    // ---- L7: revision and compare-and-set on the stored state ----

    @Test
    void everyWriteIsOneRevisionLater() {
        ComponentModel model = save(component("ES256"));
        clock.advance(Duration.ofSeconds(40));
        save(model);
        assertThat(stateOf(model).revision()).isEqualTo(2);
        model.put("priority", "150"); // nothing due: still a write, so still a new revision
        save(model);
        assertThat(stateOf(model).revision()).isEqualTo(3);
    }

    @Test
    void anAdminSaveMadeOnAnOlderRevisionIsRefusedAndLosesNoActivation() {
        ComponentModel model = save(component("ES256"));
        String first = stateOf(model).keys().get(0).kid();
        ComponentModel adminCopy = new ComponentModel(model); // the admin's node read this before the passes
        clock.advance(Duration.ofSeconds(40));
        save(model); // another node's pass: successor published
        clock.advance(Duration.ofSeconds(20));
        save(model); // another node's pass: successor activated
        String successor = stateOf(model).inPhase(KeyPhase.ACTIVE).orElseThrow().kid();
        String stored = db.state("component-1");

        adminCopy.put("priority", "200");
        assertRefused(() -> factory.validateConfiguration(null, realm, adminCopy))
                .startsWith("This provider's keys changed while the save was on its way (it was made on revision 1, the database holds revision 3");

        assertThat(db.state("component-1")).isEqualTo(stored);
        assertThat(successor).isNotEqualTo(first);
        assertThat(RotationStateCodec.read(stored).inPhase(KeyPhase.ACTIVE).orElseThrow().kid()).isEqualTo(successor);
    }

    @Test
    void theSameSaveMadeOnTheStoredRevisionGoesThrough() {
        ComponentModel model = save(component("ES256"));
        clock.advance(Duration.ofSeconds(40));
        save(model);
        ComponentModel reloaded = new ComponentModel(model);
        reloaded.put("priority", "200");
        save(reloaded);
        assertThat(stateOf(reloaded).revision()).isEqualTo(3);
        assertThat(stateOf(reloaded).inPhase(KeyPhase.PUBLISHED)).isPresent();
    }

    @Test
    void aScheduledStoreMadeOnAnOlderRevisionWritesNothing() {
        ComponentModel model = save(component("ES256"));
        ComponentModel passCopy = new ComponentModel(model);
        clock.advance(Duration.ofSeconds(40));
        save(new ComponentModel(model)); // the other node stored the publication first
        assertThatThrownBy(() -> storeAsScheduledPass(passCopy, 1)).isInstanceOf(RotatingKeyProviderFactory.NothingToStore.class);
        assertThat(RotationStateCodec.read(db.state("component-1")).revision()).isEqualTo(2);
    }

    @Test
    void everyWriterTakesTheRowLockBeforeDeciding() {
        ComponentModel model = save(component("ES256"));
        int before = db.reads;
        save(model);
        assertThat(db.reads).isEqualTo(before + 1);
    }

    private void storeAsScheduledPass(ComponentModel model, long readRevision) {
        RealmModel storing = (RealmModel) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{RealmModel.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("updateComponent")) {
                        factory.validateConfiguration(null, (RealmModel) proxy, (ComponentModel) args[0]);
                        db.commit((ComponentModel) args[0]);
                        return null;
                    }
                    return method.invoke(realm, args);
                });
        RotatingKeyProviderFactory.storeScheduled(storing, model, readRevision);
    }

    // ---- L7: the format version, malformed state and its repair ----

    @Test
    void aStateInANewerFormatIsRefusedAndNeverReplaced() {
        ComponentModel model = save(component("ES256"));
        String newer = db.state("component-1").replace("\"v\":2", "\"v\":3");
        db.overwrite("component-1", newer);
        model.put(RotatingKeyProviderFactory.RESET_UNREADABLE_STATE, "true");
        assertRefused(() -> factory.validateConfiguration(null, realm, model))
                .contains("format 3 of a newer jwkgate provider").doesNotContain("Reset unreadable state");
        assertThat(db.state("component-1")).isEqualTo(newer);
    }

    @Test
    void aMalformedStateIsRefusedOnSaveNamingTheRepair() {
        ComponentModel model = save(component("ES256"));
        db.overwrite("component-1", "{\"v\":2,\"rev\":4,\"keys\":[{\"kid\":\"x\",\"private\":\"SECRET\"}]}");
        assertRefused(() -> factory.validateConfiguration(null, realm, model))
                .contains("stored rotation state is unreadable", "save this provider with 'Reset unreadable state' on")
                .doesNotContain("SECRET");
    }

    @Test
    void resetUnreadableStateStartsAgainWithANewSigningKey() {
        ComponentModel model = save(component("ES256"));
        db.overwrite("component-1", "{not json");
        model.put(RotatingKeyProviderFactory.RESET_UNREADABLE_STATE, "true");
        save(model);
        RotationState repaired = RotationStateCodec.read(db.state("component-1"));
        assertThat(repaired.keys()).singleElement().satisfies(k -> assertThat(k.phase()).isEqualTo(KeyPhase.ACTIVE));
        assertThat(model.get(RotatingKeyProviderFactory.RESET_UNREADABLE_STATE)).isEqualTo("false");
        assertThat(factory.create(null, model).getKeysStream()).hasSize(1);
    }

    @Test
    void resetIsRefusedWhileTheStoredKeysAreReadable() {
        ComponentModel model = save(component("ES256"));
        String before = db.state("component-1");
        model.put(RotatingKeyProviderFactory.RESET_UNREADABLE_STATE, "true");
        assertRefused(() -> factory.validateConfiguration(null, realm, model)).startsWith("'Reset unreadable state' is refused");
        assertThat(db.state("component-1")).isEqualTo(before);
    }

    @Test
    void aStateSentWithACreateIsTakenOnlyWhenItsKeysCheckOut() {
        ComponentModel exported = save(component("ES256"));
        ComponentModel created = component("ES256");
        created.setId("component-2");
        created.put(RotatingKeyProviderFactory.STATE, exported.get(RotatingKeyProviderFactory.STATE));
        factory.validateConfiguration(null, realm, created); // a realm import carries its state like this
        assertThat(stateOf(created).keys()).extracting(ManagedKey::kid).isEqualTo(stateOf(exported).keys().stream().map(ManagedKey::kid).toList());

        ComponentModel forged = component("ES256");
        forged.setId("component-3");
        forged.put(RotatingKeyProviderFactory.STATE, exported.get(RotatingKeyProviderFactory.STATE).replace(
                stateOf(exported).keys().get(0).kid(), "chosen-kid"));
        assertRefused(() -> factory.validateConfiguration(null, realm, forged)).contains("is not named by its RFC 7638 thumbprint");
    }

    // ---- certificates ----

    @Test
    void rsaAndEcKeysCarryASelfSignedCertificateForTheRealmCoveringTheirPlannedLife() throws Exception {
        for (String alg : new String[]{"RS256", "ES256"}) {
            ComponentModel fresh = component(alg);
            fresh.setId("component-" + alg);
            ComponentModel model = save(fresh);
            X509Certificate cert = factory.create(null, model).getKeysStream().findFirst().orElseThrow().getCertificate();
            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=test");
            assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
            cert.verify(cert.getPublicKey());
            // published now; lead 20 s + period 60 s + grace 15 min, twice over
            assertThat(cert.getNotAfter().toInstant()).isEqualTo(clock.instant().plusSeconds(2 * (20 + 60 + 900)));
            assertThat(cert.getNotBefore().toInstant()).isBefore(Instant.now()); // Keycloak starts validity at its wall clock
        }
    }

    @Test
    void edDsaKeysCarryNoCertificateAsKeycloakShowsNoneForOkpKeys() {
        ComponentModel model = save(component("EdDSA"));
        assertThat(factory.create(null, model).getKeysStream().findFirst().orElseThrow().getCertificate()).isNull();
    }

    // ---- private keys encrypted at rest ----

    private static final String KEK_1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEK_2 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(new byte[]{1}, 32));

    private ComponentModel encrypted(String algorithm) {
        ComponentModel model = component(algorithm);
        model.put(RotatingKeyProviderFactory.KEY_ENCRYPTION_KEY, "${vault.kek}");
        return model;
    }

    @Test
    void withAKeyEncryptionKeyTheStoredStateHoldsNoPrivateKeyBytes() {
        KeycloakSession vault = FakeSession.withVault(Map.of("${vault.kek}", KEK_1));
        ComponentModel model = save(vault, encrypted("RS256"));
        KeyWrapper served = factory.create(vault, model).getKeysStream().findFirst().orElseThrow();
        String pkcs8 = Base64.getEncoder().encodeToString(served.getPrivateKey().getEncoded());
        assertThat(db.state("component-1")).contains("aes256gcm:").doesNotContain(pkcs8.substring(40, 120));
        assertThat(model.get(RotatingKeyProviderFactory.KEY_SCHEDULE)).contains("encrypted with AES-256-GCM");
    }

    @Test
    void withoutAKeyEncryptionKeyTheScheduleSaysTheKeysAreUnencrypted() {
        ComponentModel model = save(component("ES256"));
        assertThat(model.get(RotatingKeyProviderFactory.KEY_SCHEDULE)).startsWith("Private keys at rest: UNENCRYPTED");
    }

    @Test
    void aWrongKeyEncryptionKeyFailsTheProviderAndTheSaveWithoutTouchingTheStoredKeys() {
        ComponentModel model = save(FakeSession.withVault(Map.of("${vault.kek}", KEK_1)), encrypted("ES256"));
        String stored = db.state("component-1");
        KeycloakSession wrong = FakeSession.withVault(Map.of("${vault.kek}", KEK_2));
        ComponentModel reloaded = new ComponentModel(model);
        assertThatThrownBy(() -> factory.create(wrong, reloaded)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("serves no keys").hasMessageContaining("which the vault entry does not hold");
        assertRefused(() -> factory.validateConfiguration(wrong, realm, new ComponentModel(model))).contains("which the vault entry does not hold");
        assertThat(db.state("component-1")).isEqualTo(stored);
    }

    @Test
    void aMissingKeyEncryptionKeyIsRefusedNamingTheVaultEntry() {
        assertRefused(() -> factory.validateConfiguration(FakeSession.withVault(Map.of()), realm, encrypted("ES256")))
                .contains("names vault entry 'kek', which the vault does not hold");
    }

    @Test
    void aKeyEncryptionKeyOutsideTheVaultIsRefused() {
        ComponentModel model = component("ES256");
        model.put(RotatingKeyProviderFactory.KEY_ENCRYPTION_KEY, KEK_1);
        assertRefused(() -> factory.validateConfiguration(null, realm, model)).contains("must be a vault reference");
    }

    @Test
    void aNewKeyEncryptionKeyPutFirstReEncryptsEveryKeyOnTheNextWrite() {
        ComponentModel model = save(FakeSession.withVault(Map.of("${vault.kek}", KEK_1)), encrypted("ES256"));
        KeycloakSession rotated = FakeSession.withVault(Map.of("${vault.kek}", KEK_2 + " " + KEK_1));
        String newId = KeyEncryptionKeyring.parse("kek", KEK_2).current().id();
        assertThat(RotatingKeyProviderFactory.needsStore(rotated, realm, model, stateOf(model), clock.instant())).isTrue();
        save(rotated, new ComponentModel(model));
        assertThat(db.state("component-1")).contains("aes256gcm:" + newId + ":")
                .doesNotContain("aes256gcm:" + KeyEncryptionKeyring.parse("kek", KEK_1).current().id() + ":");
        KeycloakSession onlyNew = FakeSession.withVault(Map.of("${vault.kek}", KEK_2));
        ComponentModel reloaded = new ComponentModel(model);
        reloaded.put(RotatingKeyProviderFactory.STATE, db.state("component-1"));
        assertThat(factory.create(onlyNew, reloaded).getKeysStream()).hasSize(1);
    }

    // ---- the schedule is visible ----

    @Test
    void theScheduleFieldIsDeclaredReadOnlyAndShowsEachKeysPhaseAndItsPlannedTransition() {
        assertThat(factory.getConfigProperties()).filteredOn(p -> p.getName().equals(RotatingKeyProviderFactory.KEY_SCHEDULE))
                .singleElement().satisfies(p -> assertThat(p.isReadOnly()).isTrue());
        ComponentModel model = save(component("ES256"));
        clock.advance(Duration.ofSeconds(40));
        save(model);
        RotationState state = stateOf(model);
        String active = state.inPhase(KeyPhase.ACTIVE).orElseThrow().kid();
        String waiting = state.inPhase(KeyPhase.PUBLISHED).orElseThrow().kid();
        assertThat(model.get(RotatingKeyProviderFactory.KEY_SCHEDULE))
                .contains("ACTIVE " + active + " ES256 since 2026-01-01T00:00:00Z; RETIRED planned at 2026-01-01T00:01:00Z")
                .contains("PUBLISHED " + waiting + " ES256 since 2026-01-01T00:00:40Z; ACTIVATED planned at 2026-01-01T00:01:00Z")
                .contains("Revision 2");
    }

    @Test
    void aScheduleTypedByAnAdminIsReplacedOnSave() {
        ComponentModel model = save(component("ES256"));
        String kid = stateOf(model).keys().get(0).kid();
        model.put(RotatingKeyProviderFactory.KEY_SCHEDULE, "ACTIVE forged since 1970");
        save(model);
        assertThat(model.get(RotatingKeyProviderFactory.KEY_SCHEDULE)).doesNotContain("forged")
                .contains("ACTIVE " + kid + " ES256 since 2026-01-01T00:00:00Z", "Revision 2");
    }

    @Test
    void aProviderWhoseAlgorithmIsNotTheRealmsDefaultSignatureAlgorithmIsWarnedAbout() {
        // the fake realm signs with ES256
        assertThat(RotatingKeyProviderFactory.warnIfNotTheRealmsSigningAlgorithm(realm, component("EdDSA"), "EdDSA")).isTrue();
        assertThat(RotatingKeyProviderFactory.warnIfNotTheRealmsSigningAlgorithm(realm, component("ES256"), "ES256")).isFalse();
        assertThat(factory.getConfigProperties()).filteredOn(p -> p.getName().equals("algorithm")).singleElement()
                .satisfies(p -> assertThat(p.getHelpText()).contains("realm's default signature algorithm"));
    }
}
