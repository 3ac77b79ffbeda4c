package dev.jwkgate.apisix.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.peer.ApisixPeer;
import dev.jwkgate.apisix.peer.ApisixPeer.Route;
import dev.jwkgate.apisix.peer.Entry;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.apisix.support.Claims;
import dev.jwkgate.apisix.support.ConfJson;
import dev.jwkgate.apisix.support.RunnerProcess;
import dev.jwkgate.apisix.support.SigningKey;
import dev.jwkgate.source.support.JwksServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged runner jar, started as APISIX starts it, driven over its Unix socket by a peer that speaks
 * APISIX's side of the ext-plugin protocol. Each test has its own JWKS server, hence its own key source.
 */
class JwkGateRunnerIT {

    private static final String ISSUER = "https://idp.example/";
    private static final String AUDIENCE = "orders-api";
    private static final AtomicInteger ROUTE_IDS = new AtomicInteger();

    @TempDir
    static Path runnerDir;

    private static RunnerProcess runner;
    private static ApisixPeer apisix;

    private final SigningKey key = SigningKey.rsa("key-1");
    private JwksServer jwks;

    @BeforeAll
    static void startRunner() throws Exception {
        runner = RunnerProcess.start(RunnerProcess.jarCommand(RunnerProcess.packagedJar(), List.of("-Xmx256m")),
                runnerDir, 3600, Duration.ofSeconds(90));
        apisix = new ApisixPeer(runner.socket());
    }

    @AfterAll
    static void stopRunner() throws Exception {
        apisix.close();
        runner.close();
        runner.saveOutput(JwkGateRunnerIT.class.getSimpleName());
    }

    @BeforeEach
    void startJwksServer() throws IOException {
        jwks = JwksServer.serving(key);
    }

    @AfterEach
    void stopJwksServer() {
        jwks.close();
    }

    private Route route(ConfJson conf) {
        return Route.of(Integer.toString(ROUTE_IDS.incrementAndGet()), "jwkgate", conf.json());
    }

    private ConfJson conf() {
        // a first key-set load may wait 1 s by default; a busy build machine can need longer on a cold JVM
        return ConfJson.issuerWithJwks(ISSUER, jwks.url()).set("audiences", List.of(AUDIENCE))
                .set("first_load_wait_ms", 10_000);
    }

    private Claims claims() {
        return Claims.accessToken(ISSUER, AUDIENCE, "alice");
    }

    private static RunnerAnswer.Stop stopped(RunnerAnswer answer) {
        assertThat(answer).isInstanceOf(RunnerAnswer.Stop.class);
        return (RunnerAnswer.Stop) answer;
    }

    private static RunnerAnswer.Rewrite rewritten(RunnerAnswer answer) {
        assertThat(answer).isInstanceOf(RunnerAnswer.Rewrite.class);
        return (RunnerAnswer.Rewrite) answer;
    }

    private static void assertRefused(RunnerAnswer answer, int status, String reason) {
        RunnerAnswer.Stop stop = stopped(answer);
        assertThat(stop.status()).isEqualTo(status);
        assertThat(stop.header("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(stop.body()).contains("\"reason\":\"" + reason + "\"").doesNotContain("Exception", "\tat ");
    }

    @Test
    void packagedRunnerLoadsTheFilterSoARequestWithoutTokenIsRefused() {
        assertRefused(apisix.communicate(route(conf()), PeerRequest.get("/orders")), 401, "missing_token");
    }

    @Test
    void validTokenIsForwardedWithClaimHeadersReplacingClientSentCopies() {
        Route route = route(conf().set("forward_claims", Map.of("sub", "X-User-Id", "email", "X-User-Email")));
        String token = key.sign(claims().map());

        RunnerAnswer.Rewrite rewrite = rewritten(apisix.communicate(route, PeerRequest.get("/orders").bearer(token)
                .header("x-user-id", "mallory").header("x-user-email", "mallory@example.com")));

        assertThat(rewrite.headerEntries("x-user-id")).extracting(Entry::value).containsExactly("alice");
        // the token has no email claim: the client's copy is removed, not passed on
        assertThat(rewrite.headerEntries("x-user-email")).extracting(Entry::value).containsOnlyNulls().hasSize(1);
        assertThat(rewrite.headerEntries("authorization")).isEmpty();
    }

    @Test
    void strippedTokenIsRemovedBeforeForwarding() {
        Route route = route(conf().set("strip_token", true).set("forward_claims", Map.of("sub", "X-User-Id")));

        RunnerAnswer.Rewrite rewrite = rewritten(apisix.communicate(route,
                PeerRequest.get("/orders").bearer(key.sign(claims().map()))));

        assertThat(rewrite.headerEntries("authorization")).containsExactly(new Entry("authorization", null));
    }

    @Test
    void tokenIsFoundInAConfiguredQueryParameterAndStrippedThere() {
        Route route = route(conf().set("token_query_params", List.of("access_token")).set("strip_token", true)
                .set("forward_claims", Map.of("sub", "X-User-Id")));

        RunnerAnswer.Rewrite rewrite = rewritten(apisix.communicate(route,
                PeerRequest.get("/orders").arg("access_token", key.sign(claims().map()))));

        assertThat(rewrite.args()).containsExactly(new Entry("access_token", null));
        assertThat(rewrite.headerEntries("x-user-id")).extracting(Entry::value).containsExactly("alice");
    }

    @Test
    void tokenIsFoundInAConfiguredCookieAndOnlyThatCookieIsStripped() {
        Route route = route(conf().set("token_cookies", List.of("jwt")).set("strip_token", true));

        RunnerAnswer.Rewrite rewrite = rewritten(apisix.communicate(route, PeerRequest.get("/orders")
                .header("cookie", "session=abc; jwt=" + key.sign(claims().map()) + "; theme=dark")));

        // one entry only: a removal sent beside the new value could be applied after it
        assertThat(rewrite.headerEntries("cookie")).extracting(Entry::value).containsExactly("session=abc; theme=dark");
    }

    @Test
    void tokenIsFoundInAConfiguredHeaderWithoutTheBearerScheme() {
        Route route = route(conf().set("token_headers", List.of("x-access-token"))
                .set("forward_claims", Map.of("sub", "X-User-Id")));

        RunnerAnswer.Rewrite rewrite = rewritten(apisix.communicate(route,
                PeerRequest.get("/orders").header("X-Access-Token", key.sign(claims().map()))));

        assertThat(rewrite.headerEntries("x-user-id")).extracting(Entry::value).containsExactly("alice");
    }

    @Test
    void expiredTokenIsRefused() {
        String token = key.sign(claims().expiredSecondsAgo(600).map());

        assertRefused(apisix.communicate(route(conf()), PeerRequest.get("/orders").bearer(token)), 401, "expired");
    }

    @Test
    void tokenSignedByAnImpostorKeyWithTheSameKidIsRefused() {
        String forged = key.impostor().sign(claims().map());

        assertRefused(apisix.communicate(route(conf()), PeerRequest.get("/orders").bearer(forged)), 401, "bad_signature");
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        String token = key.sign(Claims.accessToken(ISSUER, "billing-api", "alice").map());

        assertRefused(apisix.communicate(route(conf()), PeerRequest.get("/orders").bearer(token)), 401, "wrong_audience");
    }

    @Test
    void tokenWithoutTheRequiredScopeIsForbidden() {
        Route route = route(conf().set("required_scopes", List.of("orders:write")));
        String token = key.sign(claims().set("scope", "orders:read").map());

        assertRefused(apisix.communicate(route, PeerRequest.of("POST", "/orders").bearer(token)), 403, "insufficient_scope");
    }

    @Test
    void keyRotatedAtTheJwksServerIsAcceptedAfterOneRefresh() {
        Route route = route(conf());
        rewrittenOrPassed(apisix.communicate(route, PeerRequest.get("/orders").bearer(key.sign(claims().map()))));
        int fetchesBefore = jwks.fetches();
        SigningKey rotated = SigningKey.rsa("key-2");
        jwks.serve(List.of(key, rotated));

        RunnerAnswer answer = apisix.communicate(route, PeerRequest.get("/orders").bearer(rotated.sign(claims().map())));

        rewrittenOrPassed(answer);
        assertThat(jwks.fetches()).isEqualTo(fetchesBefore + 1);
    }

    @Test
    void cachedKeysKeepWorkingWhileTheJwksServerIsDown() {
        Route route = route(conf());
        rewrittenOrPassed(apisix.communicate(route, PeerRequest.get("/orders").bearer(key.sign(claims().map()))));
        jwks.close();

        // a different token, so the verified-token cache cannot answer for the key cache
        String another = key.sign(Claims.accessToken(ISSUER, AUDIENCE, "bob").map());

        rewrittenOrPassed(apisix.communicate(route, PeerRequest.get("/orders").bearer(another)));
    }

    @Test
    void malformedConfigurationFailsClosedAndTheLogNamesTheBadSetting() throws InterruptedException {
        Route route = route(conf().set("audiences", "orders-api")); // a string where a list is required

        RunnerAnswer.Stop stop = stopped(apisix.communicate(route,
                PeerRequest.get("/orders").bearer(key.sign(claims().map()))));

        assertThat(stop.status()).isEqualTo(500);
        assertThat(stop.body()).contains("internal_error").doesNotContain("audiences");
        assertThat(runner.awaitOutput(line -> line.contains("invalid configuration") && line.contains("audiences:"),
                Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void routeConfNamingAFilterTheRunnerLacksIsRefusedWith500InsteadOfPassingUnauthenticated() throws Exception {
        // a misspelt filter name: runner 0.4.0 skips it, and the request would go upstream with no check at all
        Route misspelt = Route.of(Integer.toString(ROUTE_IDS.incrementAndGet()), "jwkgat", conf().json());

        RunnerAnswer.Stop stop = stopped(apisix.communicate(misspelt, PeerRequest.get("/orders")));

        assertThat(stop.status()).isEqualTo(500);
        assertThat(stop.body()).contains("internal_error");
        assertThat(runner.awaitOutput(line -> line.contains("'jwkgat'") && line.contains("does not have"),
                Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void routeConfNamingJwkgateTwiceIsRefusedWith500InsteadOfRunningOneOfThem() throws Exception {
        String id = Integer.toString(ROUTE_IDS.incrementAndGet());
        Route twice = new Route("route#" + id + "#ext-plugin-pre-req#1", List.of(
                new Entry("jwkgate", conf().json()), new Entry("jwkgate", conf().set("audiences", List.of("other")).json())));

        RunnerAnswer.Stop stop = stopped(apisix.communicate(twice,
                PeerRequest.get("/orders").bearer(key.sign(claims().map()))));

        assertThat(stop.status()).isEqualTo(500);
        assertThat(runner.awaitOutput(line -> line.contains("twice"), Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void twoAuthorizationHeadersAreRefusedAsAmbiguousNotSettledByTheLastOne() {
        // runner 0.4.0's header map keeps only the last value; the filter must still see both
        PeerRequest request = PeerRequest.get("/orders")
                .bearer(key.impostor().sign(claims().map())).bearer(key.sign(claims().map()));

        assertRefused(apisix.communicate(route(conf()), request), 401, "malformed");
    }

    @Test
    void runnerNeverLogsATokenItSees() throws InterruptedException {
        Route route = route(conf());
        List<String> tokens = List.of(key.sign(claims().map()), key.sign(claims().expiredSecondsAgo(600).map()),
                key.impostor().sign(claims().map()), key.sign(Claims.accessToken(ISSUER, "billing-api", "bob").map()));
        tokens.forEach(token -> apisix.communicate(route, PeerRequest.get("/orders").bearer(token)));
        // a route with a bad setting makes the runner print a known line; once it is read, so is all before it
        String marker = "marker_" + ROUTE_IDS.incrementAndGet();
        apisix.communicate(route(conf().set(marker, true)), PeerRequest.get("/orders"));
        assertThat(runner.awaitOutput(line -> line.contains(marker), Duration.ofSeconds(10))).isTrue();

        for (String token : tokens) {
            String[] parts = token.split("\\.");
            assertThat(runner.output()).noneMatch(line -> line.contains(parts[1]) || line.contains(parts[2]));
        }
    }

    /**
     * APISIX prepares a route's conf on a connection of its own and drops it after one answer; runner 0.4.0
     * answers twice, and the runner logged "handle request error … Connection reset by peer" when the peer left the
     * second answer unread. APISIX reads both (its socket reads are buffered), and so does the peer.
     */
    @Test
    void aRoutesFirstRequestLeavesNoConnectionResetInTheRunnersLog() throws InterruptedException {
        apisix.communicate(route(conf()), PeerRequest.get("/orders"));
        String marker = "marker_" + ROUTE_IDS.incrementAndGet();
        apisix.communicate(route(conf().set(marker, true)), PeerRequest.get("/orders"));
        assertThat(runner.awaitOutput(line -> line.contains(marker), Duration.ofSeconds(10))).isTrue();

        assertThat(runner.output()).noneMatch(line -> line.contains("Connection reset by peer")
                || line.contains("handle request error"));
    }

    @Test
    void confTokenTheRunnerNoLongerKnowsIsPreparedAgain() {
        Route route = route(conf());
        // the runner issues tokens below 2^31, so this one is as unknown to it as an expired one
        apisix.rememberConfToken(route, 0xFFFF_FFFFL);
        int preparesBefore = apisix.prepareConfCalls();

        RunnerAnswer answer = apisix.communicate(route, PeerRequest.get("/orders"));

        assertRefused(answer, 401, "missing_token");
        assertThat(apisix.prepareConfCalls()).isEqualTo(preparesBefore + 1);
    }

    @Test
    void manyConnectionsAtOnceEachGetTheirOwnAnswers() throws Exception {
        Route route = route(conf().set("forward_claims", Map.of("sub", "X-User-Id")));
        int clients = 8;
        int requestsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (ApisixPeer concurrentApisix = new ApisixPeer(runner.socket())) {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String subject = "user-" + c;
                String token = key.sign(Claims.accessToken(ISSUER, AUDIENCE, subject).map());
                work.add(() -> {
                    int correct = 0;
                    for (int i = 0; i < requestsEach; i++) {
                        if (i % 2 == 0) {
                            RunnerAnswer.Rewrite rewrite = rewritten(concurrentApisix.communicate(route,
                                    PeerRequest.get("/orders/" + i).bearer(token)));
                            assertThat(rewrite.headerEntries("x-user-id")).extracting(Entry::value).containsExactly(subject);
                        } else {
                            assertRefused(concurrentApisix.communicate(route, PeerRequest.get("/orders/" + i)), 401,
                                    "missing_token");
                        }
                        correct++;
                    }
                    return correct;
                });
            }
            int correct = 0;
            for (Future<Integer> result : pool.invokeAll(work)) {
                correct += result.get();
            }

            assertThat(correct).isEqualTo(clients * requestsEach);
            assertThat(concurrentApisix.connectionsOpened()).isGreaterThan(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(runner.isAlive()).isTrue();
    }

    /** Accepted: a Rewrite, or NONE when the route forwards nothing and strips nothing. */
    private static void rewrittenOrPassed(RunnerAnswer answer) {
        assertThat(answer).isInstanceOfAny(RunnerAnswer.Rewrite.class, RunnerAnswer.Pass.class);
    }
}
