package dev.jwkgate.keycloak.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keys.rotation.KeyPhase;
import dev.jwkgate.keys.rotation.ManagedKey;
import dev.jwkgate.keys.rotation.PrivateKeyStorage;
import dev.jwkgate.keys.rotation.RotationEngine;
import dev.jwkgate.keys.rotation.RotationEvent;
import dev.jwkgate.keys.rotation.RotationPolicy;
import dev.jwkgate.keys.rotation.RotationSchedule;
import dev.jwkgate.keys.rotation.RotationState;
import dev.jwkgate.source.support.TestClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RotationMetricsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final RotationPolicy POLICY = new RotationPolicy("ES256", Duration.ofDays(30), Duration.ofDays(2), Duration.ofDays(1));

    private final TestClock clock = new TestClock(T0);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RotationMetrics metrics = new RotationMetrics(registry, clock);
    private int generated;
    private final RotationEngine engine = new RotationEngine((alg, at) -> {
        generated++;
        return new ManagedKey("k" + generated, alg, KeyPhase.PUBLISHED, at, at, "private-" + generated, "public-" + generated);
    });

    private RotationState firstKey() {
        return engine.advance(RotationState.EMPTY, POLICY, clock.instant()).state();
    }

    private double gauge(String name, String provider) {
        return registry.get(name).tags("realm", "r1", "provider", provider).gauge().value();
    }

    @Test
    void countsEachTransitionOnceUnderItsRealmProviderAndLowerCaseType() {
        RotationEvent activated = new RotationEvent(RotationEvent.Type.ACTIVATED, "k2", "ES256", T0, "due");
        RotationEvent retired = new RotationEvent(RotationEvent.Type.RETIRED, "k1", "ES256", T0, "replaced");
        metrics.transitionsStored("r1", "rotating", List.of(retired, activated));
        metrics.transitionsStored("r1", "rotating", List.of(activated));
        assertThat(registry.get(RotationMetrics.TRANSITIONS).tags("realm", "r1", "provider", "rotating", "transition", "activated")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get(RotationMetrics.TRANSITIONS).tags("transition", "retired").counter().count()).isEqualTo(1);
    }

    @Test
    void noLabelCarriesAKid() {
        metrics.transitionsStored("r1", "rotating", List.of(new RotationEvent(RotationEvent.Type.PUBLISHED, "kid-secretive", "ES256", T0, "")));
        metrics.observe("c1", "r1", "rotating", firstKey(), POLICY);
        assertThat(registry.getMeters()).flatExtracting(m -> m.getId().getTags()).noneMatch(t -> t.getValue().contains("k1")
                || t.getValue().contains("kid-secretive"));
        assertThat(registry.getMeters()).flatExtracting(m -> m.getId().getTags()).extracting(io.micrometer.core.instrument.Tag::getKey)
                .containsOnly("realm", "provider", "transition", "phase");
    }

    @Test
    void theNextTransitionIsTheOneTheKeyScheduleShows() {
        RotationState state = firstKey();
        metrics.observe("c1", "r1", "rotating", state, POLICY);
        // 30 d period, 2 d lead: the successor is published 28 days after the first key started signing
        assertThat(gauge(RotationMetrics.NEXT_TRANSITION, "rotating")).isEqualTo(T0.plus(Duration.ofDays(28)).getEpochSecond());
        assertThat(RotationSchedule.describe(state, POLICY, PrivateKeyStorage.unencrypted()))
                .contains("Next transition: successor PUBLISHED at " + T0.plus(Duration.ofDays(28)));
    }

    @Test
    void afterThePublicationTheNextTransitionIsTheSuccessorsActivation() {
        RotationState state = firstKey();
        clock.advance(Duration.ofDays(28));
        state = engine.advance(state, POLICY, clock.instant()).state();
        metrics.observe("c1", "r1", "rotating", state, POLICY);
        assertThat(gauge(RotationMetrics.NEXT_TRANSITION, "rotating")).isEqualTo(T0.plus(Duration.ofDays(30)).getEpochSecond());
        assertThat(registry.get(RotationMetrics.KEYS).tags("provider", "rotating", "phase", "published").gauge().value()).isEqualTo(1);
        assertThat(registry.get(RotationMetrics.KEYS).tags("provider", "rotating", "phase", "active").gauge().value()).isEqualTo(1);
        assertThat(registry.get(RotationMetrics.KEYS).tags("provider", "rotating", "phase", "retired").gauge().value()).isZero();
    }

    @Test
    void theActiveKeysAgeGrowsWithTheClockBetweenObservations() {
        metrics.observe("c1", "r1", "rotating", firstKey(), POLICY);
        assertThat(gauge(RotationMetrics.ACTIVE_KEY_AGE, "rotating")).isZero();
        clock.advance(Duration.ofSeconds(90));
        assertThat(gauge(RotationMetrics.ACTIVE_KEY_AGE, "rotating")).isEqualTo(90.0);
    }

    @Test
    void theActiveKeysAgeStartsAgainAtItsSuccessorsActivation() {
        RotationState state = firstKey();
        clock.advance(Duration.ofDays(28));
        state = engine.advance(state, POLICY, clock.instant()).state();
        clock.advance(Duration.ofDays(2));
        state = engine.advance(state, POLICY, clock.instant()).state();
        metrics.observe("c1", "r1", "rotating", state, POLICY);
        clock.advance(Duration.ofSeconds(5));
        assertThat(gauge(RotationMetrics.ACTIVE_KEY_AGE, "rotating")).isEqualTo(5.0);
    }

    @Test
    void aStateThatCannotBeReadShowsNoScheduleRatherThanAnOldOne() {
        metrics.observe("c1", "r1", "rotating", firstKey(), POLICY);
        metrics.observe("c1", "r1", "rotating", null, null);
        assertThat(gauge(RotationMetrics.NEXT_TRANSITION, "rotating")).isNaN();
        assertThat(gauge(RotationMetrics.ACTIVE_KEY_AGE, "rotating")).isNaN();
        assertThat(registry.get(RotationMetrics.KEYS).tags("phase", "active").gauge().value()).isNaN();
    }

    @Test
    void aDeletedProvidersGaugesAreRemoved() {
        metrics.observe("c1", "r1", "one", firstKey(), POLICY);
        metrics.observe("c2", "r1", "two", firstKey(), POLICY);
        metrics.retainOnly(Set.of("c2"));
        assertThat(registry.getMeters()).extracting(m -> m.getId().getTag("provider")).containsOnly("two");
    }

    @Test
    void aRenamedProviderMovesItsGaugesToTheNewName() {
        metrics.observe("c1", "r1", "old-name", firstKey(), POLICY);
        metrics.observe("c1", "r1", "new-name", firstKey(), POLICY);
        assertThat(registry.getMeters()).extracting(m -> m.getId().getTag("provider")).containsOnly("new-name");
        assertThat(registry.getMeters()).extracting(Meter::getId).hasSize(6);
    }

    @Test
    void withKeycloaksMetricsOffEveryMeterRecordsNothingAndNothingFails() {
        // Micrometer's global registry is a composite that holds no registry when Keycloak runs without metrics
        CompositeMeterRegistry noRegistries = new CompositeMeterRegistry();
        RotationMetrics off = new RotationMetrics(noRegistries, clock);
        off.transitionsStored("r1", "rotating", List.of(new RotationEvent(RotationEvent.Type.ACTIVATED, "k1", "ES256", T0, "")));
        off.passFailed("r1", "rotating");
        off.observe("c1", "r1", "rotating", firstKey(), POLICY);
        assertThat(noRegistries.get(RotationMetrics.TRANSITIONS).counter().count()).isZero();
    }
}
