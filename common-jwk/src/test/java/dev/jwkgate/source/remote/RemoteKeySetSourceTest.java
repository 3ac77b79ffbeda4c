package dev.jwkgate.source.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.SourceSettings;
import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.metrics.support.RecordingMetrics;
import dev.jwkgate.source.KeysUnavailableException;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.support.LoopbackServer;
import dev.jwkgate.source.support.LoopbackServer.Response;
import dev.jwkgate.source.support.ManualScheduler;
import dev.jwkgate.source.support.RecordingAudit;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.source.support.TestJwks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The cache in front of a remote JWKS, against a real loopback server: TTLs, background refresh, single-flight,
 * unknown kids, outages and bounded request waits. Time moves by the test clock; "the refresh due now" runs
 * through the manual scheduler.
 */
class RemoteKeySetSourceTest {

    private static final String ISSUER = "https://issuer.example";
    /** Fetches run on the calling thread, so a test sees a refresh's outcome as soon as it triggered it. */
    private static final Executor INLINE = Runnable::run;

    private final TestClock clock = new TestClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingAudit audit = new RecordingAudit();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<RemoteKeySetSource> sources = new ArrayList<>();
    private ExecutorService threads;
    private LoopbackServer server;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.http();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-fetch");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void stop() {
        sources.forEach(RemoteKeySetSource::close);
        server.close();
        threads.shutdownNow();
    }

    private RemoteKeySetSource source(Executor executor, UnaryOperator<JwkGateConfig.Builder> settings) {
        JwkGateConfig config = settings.apply(JwkGateConfig.builder().issuer(ISSUER)
                .jwksUri(server.uri("/jwks").toString())).build();
        RemoteKeySetSource source = SourceSettings.remoteSource(config, SourceSettings.parser(config), clock)
                .audit(audit)
                .scheduler(scheduler)
                .fetchExecutor(executor)
                .jitter(() -> 0.5) // refresh-ahead at exactly 80 % of the TTL
                .metrics(metrics.keySource(ISSUER))
                .build();
        sources.add(source);
        return source;
    }

    private RemoteKeySetSource source() {
        return source(INLINE, b -> b);
    }

    private void serve(String cacheControl, String... kids) {
        Response response = Response.json(TestJwks.withKids(kids));
        server.respond("/jwks", cacheControl == null ? response : response.withHeader("Cache-Control", cacheControl));
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Nested
    class Caching {

        @Test
        void loadsTheSetOnFirstUse() throws Exception {
            serve("max-age=600", "a");

            KeySet keys = source().current();

            assertThat(keys.keyIds()).containsExactly("a");
            assertThat(server.hits("/jwks")).isEqualTo(1);
        }

        @Test
        void servesLaterCallsFromTheCache() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source();
            source.current();

            clock.advance(Duration.ofSeconds(300));
            source.current();

            assertThat(server.hits("/jwks")).isEqualTo(1);
        }

        @Test
        void takesTheTtlFromMaxAge() throws Exception {
            serve("public, max-age=600", "a");
            RemoteKeySetSource source = source();

            source.current();

            assertThat(source.status().expiresAt()).isEqualTo(clock.instant().plusSeconds(600));
        }

        @Test
        void raisesAShortMaxAgeToTheMinimumTtl() throws Exception {
            serve("max-age=5", "a");
            RemoteKeySetSource source = source();

            source.current();

            assertThat(source.status().expiresAt()).isEqualTo(clock.instant().plusSeconds(60));
        }

        @Test
        void lowersALongMaxAgeToTheMaximumTtl() throws Exception {
            serve("max-age=999999", "a");
            RemoteKeySetSource source = source(INLINE, b -> b.set(Setting.CACHE_MAX_TTL_SECONDS, 3600));

            source.current();

            assertThat(source.status().expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
        }

        @Test
        void usesTheDefaultTtlWhenTheServerSaysNoCache() throws Exception {
            serve("no-cache", "a");
            RemoteKeySetSource source = source();

            source.current();

            assertThat(source.status().expiresAt()).isEqualTo(clock.instant().plusSeconds(900));
        }

        @Test
        void schedulesTheRefreshAheadOfExpiry() throws Exception {
            serve("max-age=1000", "a");

            source().current();

            assertThat(scheduler.pendingDelay()).contains(Duration.ofSeconds(800));
        }

        @Test
        void spreadsTheRefreshPointWithJitter() throws Exception {
            serve("max-age=1000", "a");
            JwkGateConfig config = JwkGateConfig.builder().issuer(ISSUER).jwksUri(server.uri("/jwks").toString()).build();
            RemoteKeySetSource early = SourceSettings.remoteSource(config, SourceSettings.parser(config), clock)
                    .scheduler(scheduler).fetchExecutor(INLINE).jitter(() -> 0.0).build();
            sources.add(early);

            early.current();

            assertThat(scheduler.pendingDelay()).contains(Duration.ofSeconds(750));
        }
    }

    @Nested
    class Rotation {

        @Test
        void backgroundRefreshReplacesTheSet() throws Exception {
            serve("max-age=600", "old");
            RemoteKeySetSource source = source();
            source.current();
            serve("max-age=600", "new");

            clock.advance(Duration.ofSeconds(480));
            scheduler.runDue();

            assertThat(source.current().keyIds()).containsExactly("new");
            assertThat(server.hits("/jwks")).isEqualTo(2);
        }

        @Test
        void auditsTheKidsAddedAndRemoved() throws Exception {
            serve("max-age=600", "a", "b");
            RemoteKeySetSource source = source();
            source.current();
            serve("max-age=600", "b", "c");

            clock.advance(Duration.ofSeconds(480));
            scheduler.runDue();

            AuditEvent loaded = audit.last(AuditEventType.KEY_SET_LOADED);
            assertThat(loaded.attribute("keys")).isEqualTo(List.of("b", "c"));
            assertThat(loaded.attribute("added")).isEqualTo(List.of("c"));
            assertThat(loaded.attribute("removed")).isEqualTo(List.of("a"));
            assertThat(loaded.source()).isEqualTo(server.uri("/jwks").toString());
        }

        @Test
        void staysQuietWhenARefreshBringsTheSameSet() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source();
            source.current();

            clock.advance(Duration.ofSeconds(480));
            scheduler.runDue();

            assertThat(server.hits("/jwks")).isEqualTo(2);
            assertThat(audit.ofType(AuditEventType.KEY_SET_LOADED)).hasSize(1);
        }

        @Test
        void requestsNeverWaitForABackgroundRefresh() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source(threads, b -> b);
            source.current();
            server.respond("/jwks", Response.json(TestJwks.withKids("b")).withDelay(Duration.ofSeconds(10)));

            clock.advance(Duration.ofSeconds(480));
            scheduler.runDue();
            long start = System.nanoTime();
            KeySet keys = source.current();

            assertThat(elapsedSince(start)).isLessThan(Duration.ofMillis(5_000)); // the refresh takes 10 s
            assertThat(keys.keyIds()).containsExactly("a");
        }
    }

    @Nested
    class SingleFlight {

        @Test
        void fiftyConcurrentFirstLoadsMakeOneFetch() throws Exception {
            server.respond("/jwks", Response.json(TestJwks.withKids("a")).withDelay(Duration.ofMillis(300)));
            RemoteKeySetSource source = source(threads, b -> b.set(Setting.FIRST_LOAD_WAIT_MS, 5_000));
            ExecutorService callers = Executors.newFixedThreadPool(50);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<KeySet>> results = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    results.add(callers.submit(() -> {
                        go.await();
                        return source.current();
                    }));
                }
                go.countDown();
                for (Future<KeySet> result : results) {
                    assertThat(result.get(10, TimeUnit.SECONDS).keyIds()).containsExactly("a");
                }
            } finally {
                callers.shutdownNow();
            }

            assertThat(server.hits("/jwks")).isEqualTo(1);
        }

        @Test
        void aSlowFirstLoadHoldsTheRequestNoLongerThanTheBound() {
            server.respond("/jwks", Response.json(TestJwks.withKids("a")).withDelay(Duration.ofSeconds(15)));
            RemoteKeySetSource source = source(threads, b -> b.set(Setting.FIRST_LOAD_WAIT_MS, 300));

            long start = System.nanoTime();
            assertThatThrownBy(source::current)
                    .isInstanceOf(KeysUnavailableException.class)
                    .hasMessageContaining("within 300 ms");
            assertThat(elapsedSince(start)).isLessThan(Duration.ofMillis(300 + 6_000)); // the fetch takes 15 s
        }

        @Test
        void theFirstLoadStartedAtBuildTimeServesTheFirstRequest() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source().start();

            assertThat(source.health()).isEqualTo(SourceHealth.HEALTHY);
            source.current();
            assertThat(server.hits("/jwks")).isEqualTo(1);
        }
    }

    @Nested
    class UnknownKids {

        @Test
        void findsARotatedKeyOnTheFirstPermittedRefresh() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source();
            source.current();
            serve("max-age=600", "a", "b");

            KeySet keys = source.refreshForUnknownKid("b");

            assertThat(keys.hasKeyId("b")).isTrue();
            assertThat(server.hits("/jwks")).isEqualTo(2);
        }

        @Test
        void aThousandForgedKidsCauseAtMostOneFetch() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source();
            source.current();

            for (int i = 0; i < 1000; i++) {
                assertThat(source.refreshForUnknownKid("forged-" + i).keyIds()).containsExactly("a");
            }

            assertThat(server.hits("/jwks") - 1).isLessThanOrEqualTo(1);
        }

        @Test
        void forgedKidsFromManyThreadsCauseAtMostOneFetch() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source(threads, b -> b);
            source.current();
            ExecutorService callers = Executors.newFixedThreadPool(50);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<KeySet>> results = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    String kid = "forged-" + i;
                    results.add(callers.submit(() -> {
                        go.await();
                        return source.refreshForUnknownKid(kid);
                    }));
                }
                go.countDown();
                for (Future<KeySet> result : results) {
                    assertThat(result.get(10, TimeUnit.SECONDS).keyIds()).containsExactly("a");
                }
            } finally {
                callers.shutdownNow();
            }

            assertThat(server.hits("/jwks") - 1).isLessThanOrEqualTo(1);
        }

        @Test
        void allowsTheNextRefreshOnlyAfterTheCooldown() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source(INLINE, b -> b.set(Setting.UNKNOWN_KID_COOLDOWN_SECONDS, 30));
            source.current();
            source.refreshForUnknownKid("x");
            serve("max-age=600", "a", "y");

            clock.advance(Duration.ofSeconds(29));
            assertThat(source.refreshForUnknownKid("y").hasKeyId("y")).isFalse();
            clock.advance(Duration.ofSeconds(1));
            assertThat(source.refreshForUnknownKid("y").hasKeyId("y")).isTrue();
            assertThat(server.hits("/jwks")).isEqualTo(3);
        }

        @Test
        void aKidRefusedDuringTheCooldownStillGetsTheNextRefresh() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source(INLINE, b -> b.set(Setting.UNKNOWN_KID_COOLDOWN_SECONDS, 30));
            source.current();
            source.refreshForUnknownKid("forged");
            clock.advance(Duration.ofSeconds(20));
            source.refreshForUnknownKid("rotated"); // refresh taken: answered at once, not checked
            serve("max-age=600", "a", "rotated");

            clock.advance(Duration.ofSeconds(10));

            assertThat(source.refreshForUnknownKid("rotated").hasKeyId("rotated")).isTrue();
        }

        @Test
        void forgedKidsCostNoWaitWhileTheIdentityProviderIsSlow() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source(threads, b -> b.set(Setting.FIRST_LOAD_WAIT_MS, 300));
            source.current();
            server.respond("/jwks", Response.json(TestJwks.withKids("a")).withDelay(Duration.ofSeconds(20)));
            source.refreshForUnknownKid("claims-the-refresh"); // waits up to 300 ms, the fetch goes on

            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                source.refreshForUnknownKid("forged-" + i);
            }

            // joining the slow refresh would hold them ~20 s; answering at once takes milliseconds even on a loaded machine
            assertThat(elapsedSince(start)).isLessThan(Duration.ofMillis(8_000));
            assertThat(server.hits("/jwks")).isEqualTo(2);
        }

        @Test
        void auditsAnUnknownKidOncePerCooldown() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source();
            source.current();

            source.refreshForUnknownKid("x\nforged-log-line");
            source.refreshForUnknownKid("x\nforged-log-line");

            List<AuditEvent> unknown = audit.ofType(AuditEventType.UNKNOWN_KID);
            assertThat(unknown).hasSize(1);
            assertThat(unknown.get(0).attribute("kid")).isEqualTo("x\\u000aforged-log-line");
            assertThat(unknown.get(0).attribute("refreshed")).isEqualTo(true);
        }

        @Test
        void escapesUnicodeLineBreaksAndBidiControlsOfAForgedKidInItsAuditEvent() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source();
            source.current();

            source.refreshForUnknownKid("x\u2028INFO accepted\u0085admin\u202egnp.exe");

            assertThat(audit.ofType(AuditEventType.UNKNOWN_KID).get(0).attribute("kid"))
                    .isEqualTo("x\\u2028INFO accepted\\u0085admin\\u202egnp.exe");
        }

        @Test
        void anUnknownKidBeforeTheFirstLoadWaitsForTheFirstLoad() throws Exception {
            serve("max-age=600", "a");

            KeySet keys = source().refreshForUnknownKid("a");

            assertThat(keys.hasKeyId("a")).isTrue();
            assertThat(server.hits("/jwks")).isEqualTo(1);
        }
    }

    @Nested
    class Counting {

        @Test
        void countsFetchesBySuccessAndFailure() throws Exception {
            serve("max-age=60", "a");
            RemoteKeySetSource source = source();
            source.current();
            server.respond("/jwks", Response.status(500));
            clock.advance(Duration.ofSeconds(48));
            scheduler.runDue();

            assertThat(metrics.count("fetch_success")).isEqualTo(1);
            assertThat(metrics.count("fetch_failure")).isEqualTo(1);
        }

        @Test
        void countsTheUnknownKidThatTookTheRefreshAndThoseTheCooldownTurnedAway() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source();
            source.current();

            source.refreshForUnknownKid("forged-1"); // takes the cooldown's refresh, not found
            source.refreshForUnknownKid("forged-1"); // known unknown
            source.refreshForUnknownKid("forged-2"); // refresh spent

            assertThat(metrics.count("unknown_kid_refreshed")).isEqualTo(1);
            assertThat(metrics.count("unknown_kid_throttled")).isEqualTo(2);
            assertThat(metrics.count("fetch_success")).isEqualTo(2);
        }

        @Test
        void countsNothingForAKidAnotherRequestsRefreshAlreadyBrought() throws Exception {
            serve("max-age=600", "a");
            RemoteKeySetSource source = source();
            source.current();
            serve("max-age=600", "a", "b");
            source.refreshForUnknownKid("b");

            source.refreshForUnknownKid("b");

            assertThat(metrics.count("unknown_kid_refreshed")).isEqualTo(1);
            assertThat(metrics.count("unknown_kid_throttled")).isZero();
        }
    }

    @Nested
    class Outages {

        private RemoteKeySetSource loadedThenFailing(Response failure) throws Exception {
            serve("max-age=60", "a");
            // 1 s: short enough for the hanging server's 3 s, long enough for the first load on a busy machine
            RemoteKeySetSource source = source(INLINE, b -> b.set(Setting.MAX_STALE_SECONDS, 120)
                    .set(Setting.HTTP_TIMEOUT_MS, 1_000));
            source.current();
            server.respond("/jwks", failure);
            clock.advance(Duration.ofSeconds(48));
            scheduler.runDue();
            return source;
        }

        @Test
        void servesTheLastGoodSetWhileTheServerAnswers500() throws Exception {
            RemoteKeySetSource source = loadedThenFailing(Response.status(500));

            assertThat(source.current().keyIds()).containsExactly("a");
            assertThat(source.health()).isEqualTo(SourceHealth.STALE);
            assertThat(audit.last(AuditEventType.FETCH_FAILED).attribute("why")).isEqualTo("status 500 (only 200 is accepted)");
        }

        @Test
        void servesTheLastGoodSetWhileTheServerHangsBeyondTheTimeout() throws Exception {
            RemoteKeySetSource source = loadedThenFailing(Response.json(TestJwks.withKids("b")).withDelay(Duration.ofSeconds(3)));

            assertThat(source.current().keyIds()).containsExactly("a");
            assertThat(source.health()).isEqualTo(SourceHealth.STALE);
            assertThat(source.status().lastFailure()).isEqualTo("timed out after 1000 ms");
        }

        @Test
        void servesTheLastGoodSetWhileTheServerIsDown() throws Exception {
            serve("max-age=60", "a");
            RemoteKeySetSource source = source(INLINE, b -> b.set(Setting.MAX_STALE_SECONDS, 120));
            source.current();
            server.stop();

            clock.advance(Duration.ofSeconds(48));
            scheduler.runDue();

            assertThat(source.current().keyIds()).containsExactly("a");
            assertThat(source.health()).isEqualTo(SourceHealth.STALE);
            assertThat(source.status().lastFailure()).startsWith("connection failed");
        }

        @Test
        void reportsStaleOnceThroughRepeatedFailures() throws Exception {
            RemoteKeySetSource source = loadedThenFailing(Response.status(500));

            clock.advance(Duration.ofSeconds(30));
            scheduler.runDue();

            assertThat(audit.ofType(AuditEventType.FETCH_FAILED)).hasSize(2);
            assertThat(audit.ofType(AuditEventType.SOURCE_STALE)).hasSize(1);
            assertThat(source.health()).isEqualTo(SourceHealth.STALE);
        }

        @Test
        void retriesWithinTheRemainingTtlThenAtTheCooldown() throws Exception {
            loadedThenFailing(Response.status(500));
            assertThat(scheduler.pendingDelay()).contains(Duration.ofSeconds(12)); // 60 s TTL, failed at 48 s

            clock.advance(Duration.ofSeconds(12));
            scheduler.runDue();

            assertThat(scheduler.pendingDelay()).contains(Duration.ofSeconds(30)); // expired: the cooldown
        }

        @Test
        void becomesUnavailableBeyondMaxStale() throws Exception {
            RemoteKeySetSource source = loadedThenFailing(Response.status(500));

            clock.advance(Duration.ofSeconds(12 + 120)); // expiry + max_stale

            assertThat(source.health()).isEqualTo(SourceHealth.UNAVAILABLE);
            assertThatThrownBy(source::current)
                    .isInstanceOf(KeysUnavailableException.class)
                    .hasMessageContaining("max_stale_seconds")
                    .hasMessageContaining("status 500");
            assertThatThrownBy(() -> source.refreshForUnknownKid("a")).isInstanceOf(KeysUnavailableException.class);
            assertThat(audit.ofType(AuditEventType.SOURCE_UNAVAILABLE)).hasSize(1);
        }

        @Test
        void recoversWhenTheServerAnswersAgain() throws Exception {
            RemoteKeySetSource source = loadedThenFailing(Response.status(500));
            clock.advance(Duration.ofSeconds(200));
            assertThat(source.health()).isEqualTo(SourceHealth.UNAVAILABLE);
            serve("max-age=60", "b");

            scheduler.runDue();

            assertThat(source.health()).isEqualTo(SourceHealth.HEALTHY);
            assertThat(source.current().keyIds()).containsExactly("b");
            assertThat(audit.ofType(AuditEventType.SOURCE_RECOVERED)).hasSize(1);
        }

        @Test
        void aFailedFirstLoadFailsFastUntilTheRetry() {
            server.respond("/jwks", Response.status(503));
            RemoteKeySetSource source = source();

            assertThatThrownBy(source::current).hasMessageContaining("status 503");
            assertThatThrownBy(source::current).hasMessageContaining("the last fetch failed: status 503");

            assertThat(server.hits("/jwks")).isEqualTo(1);
            assertThat(source.health()).isEqualTo(SourceHealth.UNAVAILABLE);
            assertThat(audit.last(AuditEventType.SOURCE_UNAVAILABLE).attribute("why").toString()).contains("status 503");
        }

        @Test
        void retriesANeverLoadedSourceSoonThenBacksOffToTheCooldown() {
            server.respond("/jwks", Response.status(503));
            RemoteKeySetSource source = source().start();
            List<Duration> delays = new ArrayList<>();

            for (int i = 0; i < 7; i++) {
                Duration delay = scheduler.pendingDelay().orElseThrow();
                delays.add(delay);
                clock.advance(delay);
                scheduler.runDue();
            }

            assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
            assertThat(server.hits("/jwks")).isEqualTo(8);
            assertThat(source.health()).isEqualTo(SourceHealth.UNAVAILABLE);
        }

        @Test
        void aFailedFirstLoadIsRetriedInTheBackground() throws Exception {
            server.respond("/jwks", Response.status(503));
            RemoteKeySetSource source = source();
            assertThatThrownBy(source::current).isInstanceOf(KeysUnavailableException.class);
            serve("max-age=60", "a");

            clock.advance(Duration.ofSeconds(30));
            scheduler.runDue();

            assertThat(source.current().keyIds()).containsExactly("a");
            assertThat(audit.ofType(AuditEventType.SOURCE_RECOVERED)).hasSize(1);
        }
    }

    @Nested
    class BadSets {

        @Test
        void aRefusedSetKeepsTheOldOne() throws Exception {
            serve("max-age=60", "a");
            RemoteKeySetSource source = source();
            source.current();
            server.respond("/jwks", Response.json(TestJwks.of(TestJwks.publicJwk("dup"), TestJwks.publicJwk("dup"))));

            clock.advance(Duration.ofSeconds(48));
            scheduler.runDue();

            assertThat(source.current().keyIds()).containsExactly("a");
            assertThat(source.health()).isEqualTo(SourceHealth.STALE);
            assertThat(source.status().lastFailure()).startsWith("key set refused");
        }

        @Test
        void anEncryptionKeySharingTheSigningKeysKidNeitherRefusesTheSetNorMakesItStale() throws Exception {
            serve("max-age=60", "a");
            RemoteKeySetSource source = source();
            source.current();
            Map<String, Object> encryption = new LinkedHashMap<>(TestJwks.publicJwk("b-enc"));
            encryption.put("kid", "b");
            encryption.put("use", "enc");
            encryption.put("alg", "ECDH-ES");
            server.respond("/jwks", Response.json(TestJwks.of(TestJwks.publicJwk("b"), encryption)));

            clock.advance(Duration.ofSeconds(48));
            scheduler.runDue();

            assertThat(source.current().keyIds()).containsExactly("b");
            assertThat(source.current().withKeyId("b")).singleElement()
                    .satisfies(key -> assertThat(key.key()).isEqualTo(TestJwks.pair("b").getPublic()));
            assertThat(source.health()).isEqualTo(SourceHealth.HEALTHY);
            assertThat(audit.last(AuditEventType.KEY_REFUSED).attribute("kid")).isEqualTo("b");
        }

        @Test
        void aSetWithoutUsableKeysKeepsTheOldOneAndReportsTheLeak() throws Exception {
            serve("max-age=60", "a");
            RemoteKeySetSource source = source();
            source.current();
            Map<String, Object> leaked = new LinkedHashMap<>(TestJwks.publicJwk("b"));
            leaked.put("d", "AAAA");
            server.respond("/jwks", Response.json(TestJwks.of(leaked)));

            clock.advance(Duration.ofSeconds(48));
            scheduler.runDue();

            assertThat(source.current().keyIds()).containsExactly("a");
            assertThat(source.status().lastFailure()).startsWith("no usable key in the set");
            AuditEvent refused = audit.last(AuditEventType.KEY_REFUSED);
            assertThat(refused.attribute("kid")).isEqualTo("b");
            assertThat(refused.attribute("leak")).isEqualTo(true);
            assertThat(refused.toString()).doesNotContain("AAAA");
        }

        @Test
        void malformedJsonIsAFailedLoad() {
            server.respond("/jwks", Response.json("{\"keys\": [ {"));
            RemoteKeySetSource source = source();

            assertThatThrownBy(source::current).hasMessageContaining("key set refused");
            assertThat(audit.last(AuditEventType.FETCH_FAILED).attribute("why").toString()).startsWith("key set refused");
        }

        @Test
        void anHtmlPageIsAFailedLoad() {
            server.respond("/jwks", Response.json("<html></html>").withHeader("Content-Type", "text/html; charset=utf-8"));

            assertThatThrownBy(source()::current).hasMessageContaining("not JSON: content type 'text/html'");
        }

        @Test
        void reportsEachDroppedKeyOnceAlongsideTheGoodOnes() throws Exception {
            Map<String, Object> weak = new LinkedHashMap<>(TestJwks.publicJwk("bad"));
            weak.put("use", "enc");
            server.respond("/jwks", Response.json(TestJwks.of(TestJwks.publicJwk("good"), weak)).withHeader("Cache-Control", "max-age=60"));
            RemoteKeySetSource source = source();

            assertThat(source.current().keyIds()).containsExactly("good");
            clock.advance(Duration.ofSeconds(48));
            scheduler.runDue();

            assertThat(audit.ofType(AuditEventType.KEY_REFUSED)).hasSize(1);
            assertThat(audit.last(AuditEventType.KEY_REFUSED).attribute("kid")).isEqualTo("bad");
        }
    }

    @Nested
    class Closing {

        @Test
        void closingStopsBackgroundRefreshes() throws Exception {
            serve("max-age=60", "a");
            RemoteKeySetSource source = source();
            source.current();

            source.close();

            assertThat(scheduler.pending()).isZero();
        }

        @Test
        void aClosedSourceNeverLoads() {
            serve("max-age=60", "a");
            RemoteKeySetSource source = source();
            source.close();

            assertThatThrownBy(source::current).hasMessageContaining("closed");
            assertThat(server.hits("/jwks")).isZero();
        }
    }
}
