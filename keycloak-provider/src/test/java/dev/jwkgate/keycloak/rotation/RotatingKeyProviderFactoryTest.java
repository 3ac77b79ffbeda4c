package dev.jwkgate.keycloak.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.jwkgate.keycloak.support.Refusals.assertRefused;

import dev.jwkgate.keycloak.support.FakeRealm;
import dev.jwkgate.source.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.RealmModel;

class RotatingKeyProviderFactoryTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RotatingKeyProviderFactory factory =
            new RotatingKeyProviderFactory().with(clock, new RotationEngine(new GeneratedKeys()));
    private final RealmModel realm = FakeRealm.withAccessTokenLifespan(300);

    private ComponentModel component(String algorithm) {
        ComponentModel model = new ComponentModel();
        model.setId("component-1");
        model.setProviderId(RotatingKeyProviderFactory.ID);
        model.setProviderType(KeyProvider.class.getName());
        model.put("priority", "100");
        model.put("algorithm", algorithm);
        model.put(RotatingKeyProviderFactory.ROTATION_PERIOD, "60s");
        model.put(RotatingKeyProviderFactory.PRE_PUBLICATION, "20s");
        model.put(RotatingKeyProviderFactory.RETIREMENT_GRACE, "15m");
        return model;
    }

    private RotationState stateOf(ComponentModel model) {
        return RotationStateCodec.read(model.get(RotatingKeyProviderFactory.STATE));
    }

    @Test
    void theFirstSaveGeneratesTheSigningKeyIntoTheStoredState() {
        ComponentModel model = component("ES256");
        factory.validateConfiguration(null, realm, model);
        assertThat(stateOf(model).keys()).singleElement().satisfies(k -> {
            assertThat(k.phase()).isEqualTo(KeyPhase.ACTIVE);
            assertThat(k.algorithm()).isEqualTo("ES256");
        });
    }

    @Test
    void theStateIsNotADeclaredSettingSoTheAdminApiNeverShowsIt() {
        assertThat(factory.getConfigProperties()).extracting(p -> p.getName())
                .doesNotContain(RotatingKeyProviderFactory.STATE)
                .contains("priority", "enabled", "active", "algorithm");
    }

    @Test
    void savingWithRotateEarlyPublishesTheSuccessorAndClearsTheSwitch() {
        ComponentModel model = component("ES256");
        factory.validateConfiguration(null, realm, model);
        model.put(RotatingKeyProviderFactory.ROTATE_NOW, "true");
        clock.advance(Duration.ofSeconds(5));
        factory.validateConfiguration(null, realm, model);
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
        ComponentModel model = component("EdDSA");
        factory.validateConfiguration(null, realm, model);
        clock.advance(Duration.ofSeconds(40));
        factory.validateConfiguration(null, realm, model);
        assertThat(factory.create(null, model).getKeysStream())
                .extracting(KeyWrapper::getStatus).containsExactlyInAnyOrder(KeyStatus.ACTIVE, KeyStatus.PASSIVE);
    }

    @Test
    void keysCarryTheKidAlgorithmTypeCurveAndPriorityKeycloakPublishes() {
        ComponentModel model = component("ES384");
        factory.validateConfiguration(null, realm, model);
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
        ComponentModel model = component("RS256");
        factory.validateConfiguration(null, realm, model);
        model.put("enabled", "false");
        assertThat(new RotatingKeyProvider(model).getKeysStream()).extracting(KeyWrapper::getStatus).containsOnly(KeyStatus.DISABLED);
    }

    @Test
    void theDecodedKeysAreCachedOnTheComponentSoRequestsDoNotParseAgain() {
        ComponentModel model = component("RS256");
        factory.validateConfiguration(null, realm, model);
        KeyWrapper first = factory.create(null, model).getKeysStream().findFirst().orElseThrow();
        KeyWrapper second = factory.create(null, model).getKeysStream().findFirst().orElseThrow();
        assertThat(second).isSameAs(first);
    }
}
