package dev.jwkgate.keycloak.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keycloak.support.FakeRealm;
import dev.jwkgate.keys.rotation.KeyPhase;
import dev.jwkgate.keys.rotation.RotationState;
import dev.jwkgate.keys.rotation.RotationStateCodec;
import dev.jwkgate.source.support.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RealmProvider;

class RotationTaskTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final StoredComponents db = new StoredComponents();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RotationMetrics metrics = new RotationMetrics(registry, clock);
    private final RotatingKeyProviderFactory factory = TestFactories.rotating(clock, db).withMetrics(metrics);
    private final List<ComponentModel> components = new ArrayList<>();
    private final List<ComponentModel> stored = new ArrayList<>();
    private RealmModel fakeRealm = FakeRealm.withAccessTokenLifespan(60);

    /**
     * One realm holding {@link #components}, as the realm cache shows them. Like Keycloak's,
     * {@code updateComponent} validates the component with its factory before storing it; here it
     * records what the task stores.
     */
    private final RealmModel realm = (RealmModel) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{RealmModel.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getComponentsStream":
                        return components.stream().filter(c -> args[1].equals(c.getProviderType()));
                    case "getComponent":
                        return components.stream().filter(c -> c.getId().equals(args[0])).findFirst().orElse(null);
                    case "updateComponent":
                        factory.validateConfiguration(null, (RealmModel) proxy, (ComponentModel) args[0]);
                        db.commit((ComponentModel) args[0]);
                        stored.add((ComponentModel) args[0]);
                        return null;
                    default:
                        return method.invoke(fakeRealm, args);
                }
            });

    private final KeycloakSession session = (KeycloakSession) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{KeycloakSession.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "realms":
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{RealmProvider.class},
                                (p, m, a) -> m.getName().equals("getRealmsStream") ? Stream.of(realm) : realm);
                    case "getContext":
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{KeycloakContext.class},
                                (p, m, a) -> null);
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });

    private ComponentModel rotating(String id) {
        ComponentModel model = new ComponentModel();
        model.setId(id);
        model.setName("provider-" + id);
        model.setProviderId(RotatingKeyProviderFactory.ID);
        model.setProviderType(KeyProvider.class.getName());
        model.put("algorithm", "ES256");
        model.put(RotatingKeyProviderFactory.ROTATION_PERIOD, "60s");
        model.put(RotatingKeyProviderFactory.PRE_PUBLICATION, "20s");
        model.put(RotatingKeyProviderFactory.RETIREMENT_GRACE, "15m");
        factory.validateConfiguration(null, realm, model); // the first save: one active key
        db.commit(model);
        components.add(model);
        return model;
    }

    private void runPass() {
        new RotationTask(clock, (outer, task) -> task.run(outer), metrics).run(session);
    }

    @Test
    void aPassWithNothingDueWritesNothingSoNoRealmCacheIsInvalidated() {
        rotating("a");
        clock.advance(Duration.ofSeconds(39));
        runPass();
        assertThat(stored).isEmpty();
    }

    @Test
    void aDueTransitionIsStoredThroughKeycloaksComponentUpdate() {
        rotating("a");
        clock.advance(Duration.ofSeconds(40));
        runPass();
        assertThat(stored).singleElement().satisfies(model -> assertThat(
                RotationStateCodec.read(model.get(RotatingKeyProviderFactory.STATE)).inPhase(KeyPhase.PUBLISHED)).isPresent());
    }

    @Test
    void theCachedComponentIsNotChangedInPlace() {
        ComponentModel cached = rotating("a");
        String before = cached.get(RotatingKeyProviderFactory.STATE);
        clock.advance(Duration.ofSeconds(40));
        runPass();
        assertThat(cached.get(RotatingKeyProviderFactory.STATE)).isEqualTo(before);
    }

    @Test
    void aBrokenComponentIsSkippedAndTheOthersStillRotate() {
        ComponentModel broken = rotating("broken");
        broken.put(RotatingKeyProviderFactory.STATE, "{not json");
        rotating("healthy");
        clock.advance(Duration.ofSeconds(40));
        runPass();
        assertThat(stored).extracting(ComponentModel::getId).containsExactly("healthy");
    }

    @Test
    void aPassThatReadAStaleCacheStoresNothingWhenTheDatabaseAlreadyHasTheTransition() {
        ComponentModel cached = rotating("a");
        clock.advance(Duration.ofSeconds(40));
        ComponentModel otherNode = new ComponentModel(cached);
        factory.validateConfiguration(null, realm, otherNode); // the other node's pass, committed
        db.commit(otherNode);
        String committed = db.state("a");
        runPass(); // this node's cache still shows revision 1
        assertThat(stored).isEmpty();
        assertThat(db.state("a")).isEqualTo(committed);
    }

    @Test
    void aRealmWhoseTokensNowOutliveTheGraceStretchesTheGraceInsteadOfHaltingRotation() {
        ComponentModel model = rotating("a"); // saved with a 15m grace while tokens lived 15m
        fakeRealm = FakeRealm.withAccessTokenLifespan(3600);
        assertThat(RotatingKeyProviderFactory.scheduledPolicy(realm, model).grace()).isEqualTo(Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(40));
        runPass();
        assertThat(stored).hasSize(1);
    }

    @Test
    void componentsOfOtherProvidersAreLeftAlone() {
        ComponentModel other = rotating("other");
        other.setProviderId("rsa-generated");
        clock.advance(Duration.ofSeconds(40));
        runPass();
        assertThat(stored).isEmpty();
    }

    @Test
    void aStoredTransitionIsCountedUnderItsRealmProviderAndTransition() {
        rotating("a"); // its first key: activated
        clock.advance(Duration.ofSeconds(40));
        runPass(); // the successor: published
        assertThat(transitions("provider-a", "activated")).isEqualTo(1);
        assertThat(transitions("provider-a", "published")).isEqualTo(1);
        assertThat(registry.find(RotationMetrics.TRANSITIONS).counters()).hasSize(2);
    }

    @Test
    void aPassThatCannotReadAProviderCountsAFailedPassForItOnly() {
        ComponentModel broken = rotating("broken");
        broken.put(RotatingKeyProviderFactory.STATE, "{not json");
        rotating("healthy");
        clock.advance(Duration.ofSeconds(40));
        runPass();
        runPass();
        assertThat(registry.get(RotationMetrics.PASS_FAILURES).tags("realm", "test", "provider", "provider-broken").counter().count())
                .isEqualTo(2);
        assertThat(registry.find(RotationMetrics.PASS_FAILURES).tags("provider", "provider-healthy").counter()).isNull();
    }

    @Test
    void theObservationShowsEachProvidersScheduleAndForgetsDeletedProviders() {
        ComponentModel a = rotating("a");
        rotating("b");
        new RotationObservation(metrics).run(session);
        RotationState state = RotationStateCodec.read(a.get(RotatingKeyProviderFactory.STATE));
        // 60 s period, 20 s lead: the successor is published 40 s after the first key started signing
        assertThat(registry.get(RotationMetrics.NEXT_TRANSITION).tags("provider", "provider-a").gauge().value())
                .isEqualTo(state.inPhase(KeyPhase.ACTIVE).orElseThrow().since().plusSeconds(40).getEpochSecond());
        components.removeIf(c -> c.getId().equals("b"));
        new RotationObservation(metrics).run(session);
        assertThat(registry.find(RotationMetrics.NEXT_TRANSITION).gauges()).extracting(g -> g.getId().getTag("provider"))
                .containsExactly("provider-a");
    }

    private double transitions(String provider, String transition) {
        return registry.get(RotationMetrics.TRANSITIONS).tags("realm", "test", "provider", provider, "transition", transition)
                .counter().count();
    }
}
