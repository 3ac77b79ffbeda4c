package dev.jwkgate.keys.rotation;


import dev.jwkgate.source.support.TestClock;
import static dev.jwkgate.keys.rotation.RotationEvent.Type.ACTIVATED;
import static dev.jwkgate.keys.rotation.RotationEvent.Type.PUBLISHED;
import static dev.jwkgate.keys.rotation.RotationEvent.Type.REMOVED;
import static dev.jwkgate.keys.rotation.RotationEvent.Type.RETIRED;
import static dev.jwkgate.keys.rotation.RotationEvent.Type.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RotationEngineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration PERIOD = Duration.ofDays(30);
    private static final Duration LEAD = Duration.ofDays(2);
    private static final Duration GRACE = Duration.ofDays(1);
    private static final RotationPolicy POLICY = new RotationPolicy("ES256", PERIOD, LEAD, GRACE);

    private final TestClock clock = new TestClock(T0);
    private int generated;
    private final RotationEngine engine = new RotationEngine((alg, at) -> {
        generated++;
        return new ManagedKey("k" + generated, alg, KeyPhase.PUBLISHED, at, at, "private-" + generated, "public-" + generated);
    });
    private RotationState state;

    @BeforeEach
    void firstKey() {
        state = engine.advance(RotationState.EMPTY, POLICY, clock.instant()).state();
    }

    private RotationEngine.Advance tick() {
        RotationEngine.Advance advance = engine.advance(state, POLICY, clock.instant());
        state = advance.state();
        return advance;
    }

    private String kidIn(KeyPhase phase) {
        return state.inPhase(phase).map(ManagedKey::kid).orElse(null);
    }

    @Test
    void aNewProviderSignsAtOnceWithItsFirstKey() {
        assertThat(state.keys()).hasSize(1);
        assertThat(kidIn(KeyPhase.ACTIVE)).isEqualTo("k1");
        assertThat(state.keys().get(0).algorithm()).isEqualTo("ES256");
    }

    @Test
    void nothingHappensBeforeThePublicationTime() {
        clock.advance(PERIOD.minus(LEAD).minusSeconds(1));
        assertThat(tick().events()).isEmpty();
        assertThat(state.keys()).extracting(ManagedKey::kid).containsExactly("k1");
    }

    @Test
    void theSuccessorIsPublishedOneLeadBeforeTheRotationIsDue() {
        clock.advance(PERIOD.minus(LEAD));
        assertThat(tick().events()).extracting(RotationEvent::type).containsExactly(PUBLISHED);
        assertThat(kidIn(KeyPhase.PUBLISHED)).isEqualTo("k2");
        assertThat(kidIn(KeyPhase.ACTIVE)).isEqualTo("k1");
    }

    @Test
    void theSuccessorSignsWhenTheRotationIsDueAndTheOldKeyRetires() {
        clock.advance(PERIOD.minus(LEAD));
        tick();
        clock.advance(LEAD);
        assertThat(tick().events()).extracting(RotationEvent::type).containsExactly(RETIRED, ACTIVATED);
        assertThat(kidIn(KeyPhase.ACTIVE)).isEqualTo("k2");
        assertThat(kidIn(KeyPhase.RETIRED)).isEqualTo("k1");
    }

    @Test
    void theRetiredKeyIsRemovedWhenTheGraceIsOver() {
        rotateOnce();
        clock.advance(GRACE.minusSeconds(1));
        assertThat(tick().events()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tick().events()).extracting(RotationEvent::type).containsExactly(REMOVED);
        assertThat(state.keys()).extracting(ManagedKey::kid).containsExactly("k2");
    }

    @Test
    void exactlyOneKeySignsAtEveryTickOverManyRotations() {
        for (int hour = 0; hour < 24 * 200; hour++) {
            clock.advance(Duration.ofHours(1));
            tick();
            assertThat(state.keys().stream().filter(k -> k.phase() == KeyPhase.ACTIVE)).hasSize(1);
            assertThat(state.keys().stream().filter(k -> k.phase() == KeyPhase.PUBLISHED).count()).isLessThanOrEqualTo(1);
        }
        assertThat(generated).isGreaterThanOrEqualTo(7);
    }

    @Test
    void everyActivatedKeyHadBeenPublishedForAtLeastTheLead() {
        for (int hour = 0; hour < 24 * 200; hour++) {
            clock.advance(Duration.ofHours(1));
            for (RotationEvent event : tick().events()) {
                if (event.type() == ACTIVATED) {
                    ManagedKey key = state.inPhase(KeyPhase.ACTIVE).orElseThrow();
                    assertThat(Duration.between(key.publishedAt(), event.at())).isGreaterThanOrEqualTo(LEAD);
                }
            }
        }
    }

    @Test
    void advancingTwiceAtTheSameInstantChangesNothing() {
        clock.advance(PERIOD.minus(LEAD));
        tick();
        RotationState once = state;
        assertThat(tick().changed()).isFalse();
        assertThat(state).isEqualTo(once);
    }

    @Test
    void afterAnOutageAcrossThePublicationTheCurrentKeySignsUntilTheSuccessorHasHadItsLead() {
        // down from before the planned publication until after the planned activation
        clock.advance(PERIOD.plusDays(3));
        assertThat(tick().events()).extracting(RotationEvent::type).containsExactly(PUBLISHED);
        assertThat(kidIn(KeyPhase.ACTIVE)).isEqualTo("k1");
        clock.advance(LEAD.minusSeconds(1));
        assertThat(tick().changed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tick().events()).extracting(RotationEvent::type).containsExactly(RETIRED, ACTIVATED);
        assertThat(kidIn(KeyPhase.ACTIVE)).isEqualTo("k2");
    }

    @Test
    void afterAnOutageAcrossAnActivationTheLongPublishedSuccessorSignsAtTheFirstTick() {
        clock.advance(PERIOD.minus(LEAD));
        tick();
        clock.advance(LEAD.plusDays(5));
        assertThat(tick().events()).extracting(RotationEvent::type).containsExactly(RETIRED, ACTIVATED);
        assertThat(kidIn(KeyPhase.ACTIVE)).isEqualTo("k2");
    }

    @Test
    void theNextPeriodCountsFromTheActualActivation() {
        clock.advance(PERIOD.plusDays(3));
        tick();
        clock.advance(LEAD);
        tick();
        Instant activated = clock.instant();
        clock.advance(PERIOD.minus(LEAD).minusSeconds(1));
        tick();
        assertThat(kidIn(KeyPhase.PUBLISHED)).isNull();
        clock.advance(Duration.ofSeconds(1));
        tick();
        assertThat(state.inPhase(KeyPhase.PUBLISHED).map(ManagedKey::publishedAt)).contains(activated.plus(PERIOD).minus(LEAD));
    }

    @Test
    void anEarlyRotationPublishesAtOnceButSignsOnlyAfterTheLead() {
        clock.advance(Duration.ofDays(1));
        state = state.withEarlyRotationRequested();
        assertThat(tick().events()).extracting(RotationEvent::type).containsExactly(PUBLISHED);
        assertThat(kidIn(KeyPhase.ACTIVE)).isEqualTo("k1");
        clock.advance(LEAD.minusSeconds(1));
        assertThat(tick().changed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tick().events()).extracting(RotationEvent::type).containsExactly(RETIRED, ACTIVATED);
        assertThat(kidIn(KeyPhase.ACTIVE)).isEqualTo("k2");
        assertThat(state.earlyRotationRequested()).isFalse();
    }

    @Test
    void anEarlyRotationReusesAWaitingSuccessorAndStillWaitsForItsLead() {
        clock.advance(PERIOD.minus(LEAD));
        tick();
        clock.advance(LEAD.minusHours(1));
        state = state.withEarlyRotationRequested();
        assertThat(tick().changed()).isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(tick().events()).extracting(RotationEvent::type).containsExactly(RETIRED, ACTIVATED);
        assertThat(generated).isEqualTo(2);
    }

    @Test
    void aChangedAlgorithmWithdrawsTheWaitingSuccessorAndRotatesToTheNewAlgorithmAfterTheLead() {
        clock.advance(PERIOD.minus(LEAD));
        tick();
        RotationPolicy edDsa = new RotationPolicy("EdDSA", PERIOD, LEAD, GRACE);
        RotationEngine.Advance changed = engine.advance(state, edDsa, clock.instant());
        assertThat(changed.events()).extracting(RotationEvent::type).containsExactly(WITHDRAWN, PUBLISHED);
        state = changed.state();
        Optional<ManagedKey> waiting = state.inPhase(KeyPhase.PUBLISHED);
        assertThat(waiting.map(ManagedKey::algorithm)).contains("EdDSA");
        clock.advance(LEAD);
        state = engine.advance(state, edDsa, clock.instant()).state();
        assertThat(state.inPhase(KeyPhase.ACTIVE).map(ManagedKey::algorithm)).contains("EdDSA");
    }

    @Test
    void auditLinesNameTheTransitionAndKeyButNoKeyMaterial() {
        clock.advance(PERIOD.minus(LEAD));
        RotationEvent event = tick().events().get(0);
        assertThat(event.auditLine()).contains("event=PUBLISHED", "kid=k2", "alg=ES256").doesNotContain("private-2");
    }

    private void rotateOnce() {
        clock.advance(PERIOD.minus(LEAD));
        tick();
        clock.advance(LEAD);
        tick();
    }
}
