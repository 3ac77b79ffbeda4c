package dev.jwkgate.source.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.IngestedKeySet;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.source.KeysUnavailableException;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.support.ManualScheduler;
import dev.jwkgate.source.support.RecordingAudit;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.source.support.TestJwks;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cache layer alone, over a scripted loader: what it does with each outcome of a load. */
class RemoteKeySetSourceLayerTest {

    private final TestClock clock = new TestClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingAudit audit = new RecordingAudit();
    private final ScriptedLoader loader = new ScriptedLoader();

    /** Answers each load with the next scripted outcome. */
    private static final class ScriptedLoader implements KeySetLoader {
        private final Deque<Object> outcomes = new ArrayDeque<>();
        int loads;

        ScriptedLoader then(Object outcome) {
            outcomes.add(outcome);
            return this;
        }

        @Override
        public LoadedKeySet load() throws LoadException {
            loads++;
            Object next = outcomes.isEmpty() ? new LoadException("nothing scripted") : outcomes.poll();
            if (next instanceof LoadException) {
                throw (LoadException) next;
            }
            if (next instanceof RuntimeException) {
                throw (RuntimeException) next;
            }
            return (LoadedKeySet) next;
        }

        @Override
        public String location() {
            return "scripted";
        }
    }

    private RemoteKeySetSource source() {
        return RemoteKeySetSource.builder("https://issuer.example", loader)
                .settings(new CacheSettings(Duration.ofSeconds(30), Duration.ofSeconds(300), Duration.ofSeconds(1)))
                .clock(clock).audit(audit).scheduler(scheduler).fetchExecutor(Runnable::run).jitter(() -> 0.5)
                .build();
    }

    private LoadedKeySet set(String... kids) {
        List<TrustedKey> keys = java.util.Arrays.stream(kids)
                .map(kid -> new TrustedKey(kid, KeyFamily.EC, "P-256", TestJwks.pair(kid).getPublic(), Set.of("ES256"),
                        "print-" + kid))
                .toList();
        return new LoadedKeySet(new IngestedKeySet(new KeySet(keys, clock.instant()), List.of()), Duration.ofSeconds(100));
    }

    @Test
    void anUnexpectedErrorInTheLoaderIsAFailedLoad() throws Exception {
        loader.then(set("a")).then(new IllegalStateException("boom"));
        RemoteKeySetSource source = source();
        source.current();

        clock.advance(Duration.ofSeconds(80));
        scheduler.runDue();

        assertThat(source.current().keyIds()).containsExactly("a");
        assertThat(source.health()).isEqualTo(SourceHealth.STALE);
        assertThat(source.status().lastFailure()).isEqualTo("unexpected error: IllegalStateException: boom");
    }

    @Test
    void isStaleOnceTheTtlPassesEvenBeforeAFetchFails() throws Exception {
        loader.then(set("a"));
        RemoteKeySetSource source = source();
        source.current();

        clock.advance(Duration.ofSeconds(100));

        assertThat(source.health()).isEqualTo(SourceHealth.STALE);
    }

    @Test
    void aFirstLoadFailureIsReportedUnavailableWithItsReason() {
        loader.then(new LoadException("status 503 (only 200 is accepted)"));
        RemoteKeySetSource source = source();

        assertThatThrownBy(source::current)
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining("status 503");
        assertThat(audit.last(AuditEventType.SOURCE_UNAVAILABLE).attribute("why").toString())
                .isEqualTo("no key set loaded yet: status 503 (only 200 is accepted)");
    }

    @Test
    void reportsAKidWhoseKeyWasReplaced() throws Exception {
        LoadedKeySet first = set("a");
        TrustedKey other = new TrustedKey("a", KeyFamily.EC, "P-256", TestJwks.pair("other").getPublic(),
                Set.of("ES256"), "print-other");
        LoadedKeySet second = new LoadedKeySet(new IngestedKeySet(new KeySet(List.of(other), clock.instant()), List.of()),
                Duration.ofSeconds(100));
        loader.then(first).then(second);
        RemoteKeySetSource source = source();
        source.current();

        clock.advance(Duration.ofSeconds(80));
        scheduler.runDue();

        assertThat(audit.last(AuditEventType.KEY_SET_LOADED).attribute("replaced")).isEqualTo(List.of("a"));
    }

    @Test
    void neverLoadsMoreThanOnceForOneScheduledRefresh() throws Exception {
        loader.then(set("a")).then(set("a"));
        RemoteKeySetSource source = source();
        source.current();

        clock.advance(Duration.ofSeconds(80));
        scheduler.runDue();
        scheduler.runDue();

        assertThat(loader.loads).isEqualTo(2);
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    /** First load answers "old"; the second blocks until released, then answers "old" and "new". */
    private final class RotatingLoader implements KeySetLoader {
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public LoadedKeySet load() {
            if (loads.incrementAndGet() == 1) {
                return set("old");
            }
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return set("old", "new");
        }

        @Override
        public String location() {
            return "rotating";
        }
    }

    @Test
    void requestsWithARotatedKidJoinTheRefreshInFlightInsteadOfFailing() throws Exception {
        RotatingLoader rotating = new RotatingLoader();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        try {
            RemoteKeySetSource source = RemoteKeySetSource.builder("https://issuer.example", rotating)
                    .settings(new CacheSettings(Duration.ofSeconds(30), Duration.ofSeconds(300), Duration.ofSeconds(10)))
                    .clock(clock).audit(audit).scheduler(scheduler).fetchExecutor(threads).jitter(() -> 0.5)
                    .build();
            source.current();
            java.util.concurrent.Future<KeySet> claimant = threads.submit(() -> source.refreshForUnknownKid("new"));
            while (rotating.loads.get() < 2) {
                Thread.onSpinWait(); // the claimant's refresh is now in flight and blocked
            }
            List<java.util.concurrent.Future<KeySet>> joiners = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                joiners.add(threads.submit(() -> source.refreshForUnknownKid("new")));
            }
            rotating.release.countDown();
            assertThat(claimant.get().hasKeyId("new")).isTrue();
            for (java.util.concurrent.Future<KeySet> joiner : joiners) {
                assertThat(joiner.get().hasKeyId("new")).isTrue();
            }
            assertThat(rotating.loads.get()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }
}
