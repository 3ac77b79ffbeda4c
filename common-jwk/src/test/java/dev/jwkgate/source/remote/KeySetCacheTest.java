package dev.jwkgate.source.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.source.SourceHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key cache alone: the last good set, its expiry and max_stale_seconds, and runs of failed fetches. */
class KeySetCacheTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(100);

    private final KeySetCache cache = new KeySetCache(Duration.ofSeconds(300));

    private static IngestedKeySet set() {
        return new IngestedKeySet(KeySet.empty(T0), List.of());
    }

    @Test
    void isUnavailableBeforeTheFirstLoad() {
        assertThat(cache.snapshot()).isNull();
        assertThat(cache.health(T0)).isEqualTo(SourceHealth.UNAVAILABLE);
    }

    @Test
    void isHealthyWhileTheSetIsFresh() {
        cache.store(set(), TTL, T0);

        assertThat(cache.snapshot().expiresAt()).isEqualTo(T0.plus(TTL));
        assertThat(cache.health(T0.plusSeconds(99))).isEqualTo(SourceHealth.HEALTHY);
    }

    @Test
    void servesAnExpiredSetAsStaleUpToMaxStale() {
        cache.store(set(), TTL, T0);

        assertThat(cache.health(T0.plusSeconds(100))).isEqualTo(SourceHealth.STALE);
        assertThat(cache.isUsable(cache.snapshot(), T0.plusSeconds(399))).isTrue();
        assertThat(cache.isUsable(cache.snapshot(), T0.plusSeconds(400))).isFalse();
        assertThat(cache.health(T0.plusSeconds(400))).isEqualTo(SourceHealth.UNAVAILABLE);
    }

    @Test
    void aFailedFetchKeepsTheSetAndMakesItStale() {
        cache.store(set(), TTL, T0);
        KeySetCache.Snapshot good = cache.snapshot();

        cache.recordFailure("status 503", T0.plusSeconds(10), Duration.ofSeconds(30));

        assertThat(cache.snapshot()).isSameAs(good);
        assertThat(cache.health(T0.plusSeconds(10))).isEqualTo(SourceHealth.STALE);
    }

    @Test
    void countsARunOfFailuresFromItsFirst() {
        cache.recordFailure("one", T0, Duration.ofSeconds(1));
        KeySetCache.Failure second = cache.recordFailure("two", T0.plusSeconds(1), Duration.ofSeconds(2));

        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.since()).isEqualTo(T0);
        assertThat(second.why()).isEqualTo("two");
        assertThat(second.retryAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(cache.attemptsWithOneMore()).isEqualTo(3);
    }

    @Test
    void aLoadEndsTheRunOfFailuresAndHandsBackTheSetItReplaced() {
        cache.store(set(), TTL, T0);
        KeySetCache.Snapshot first = cache.snapshot();
        cache.recordFailure("status 503", T0.plusSeconds(10), Duration.ofSeconds(30));

        KeySetCache.Snapshot replaced = cache.store(set(), TTL, T0.plusSeconds(40));

        assertThat(replaced).isSameAs(first);
        assertThat(cache.failure()).isNull();
        assertThat(cache.attemptsWithOneMore()).isEqualTo(1);
        assertThat(cache.health(T0.plusSeconds(40))).isEqualTo(SourceHealth.HEALTHY);
    }
}
