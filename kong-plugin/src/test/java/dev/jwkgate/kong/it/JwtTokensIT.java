package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.KongPeer;
import dev.jwkgate.source.support.JwksServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token cases every gateway adapter must pass, end to end: the packaged plugin server with the
 * real core, configured with {@code jwks_uri} to a loopback JWKS endpoint, driven by the Kong peer.
 */
class JwtTokensIT {

    private static final String ISSUER = "https://idp.example";
    private static final AtomicInteger SEQ = new AtomicInteger(100);
    private static final List<String> ISSUED = new CopyOnWriteArrayList<>();

    private static Path dir;
    private static PluginServerProcess server;

    private TestKeys key;
    private JwksServer jwks;
    private KongPeer kong;

    /** No credential for Kong (Kong oidc's default is the subject): the request's cost without consumers. */
    private static final String NO_CREDENTIAL = ",\"credential_claim\":[]";

    @BeforeAll
    static void startServer() throws Exception {
        dir = Files.createTempDirectory("kong");
        server = PluginServerProcess.start(dir.resolve("jwkgate.socket"));
    }

    @AfterAll
    static void stopServerAndCheckItsLog() throws Exception {
        server.close();
        String log = String.join("\n", server.output());
        for (String token : ISSUED) {
            assertThat(log).as("the plugin server log").doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
    }

    @BeforeEach
    void startIdentityProvider() throws Exception {
        key = TestKeys.rsa("k1-" + UUID.randomUUID());
        jwks = JwksServer.serving(TestKeys.jwks(List.of(key)));
        kong = new KongPeer(server.socket());
    }

    @AfterEach
    void stopIdentityProvider() throws Exception {
        kong.close();
        jwks.close();
    }

    /** Each test its own configuration (own __seq__, own JWKS), as separate routes in Kong would have. */
    private String config(String extra) {
        return config("\"sub\"", "\"X-User-Id\"", ",\"hide_credentials\":true" + extra);
    }

    /** A configuration forwarding these claims (JSON strings, comma-separated) under these header names, in order. */
    private String config(String claims, String headerNames, String extra) {
        String[] claimList = claims.isEmpty() ? new String[0] : claims.split(",");
        String[] headerList = headerNames.isEmpty() ? new String[0] : headerNames.split(",");
        java.util.StringJoiner forward = new java.util.StringJoiner(",", "{", "}");
        for (int i = 0; i < claimList.length; i++) {
            forward.add(claimList[i] + ":" + headerList[i]);
        }
        return "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + jwks.url() + "\","
                + "\"audience_required\":[\"api\"],\"required_scopes\":[\"read\"],\"realm\":\"kong\","
                + "\"forward_claims\":" + forward + ","
                + "\"token_cache_enabled\":true" + extra + ","
                + "\"__seq__\":" + SEQ.incrementAndGet() + ",\"__plugin_id\":\"" + UUID.randomUUID() + "\"}";
    }

    private static String claims(String sub, String aud, String scope, long expiresInSeconds) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"scope\":\"" + scope
                + "\",\"iat\":" + (now - 10) + ",\"exp\":" + (now + expiresInSeconds) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    private static String issued(String token) {
        ISSUED.add(token);
        return token;
    }

    private String validToken() throws Exception {
        return issued(key.sign(claims("alice", "api", "read write", 300)));
    }

    private EventOutcome access(int id, FakeKongPdk request) throws Exception {
        return kong.handleEvent(id, "access", request);
    }

    private static FakeKongPdk bearer(String token) {
        return FakeKongPdk.request("GET", Map.of("authorization", "Bearer " + token, "x-user-id", "mallory"));
    }

    @Test
    void validTokenPassesWithTheSubjectForwardedAndTheCredentialHidden() throws Exception {
        int id = kong.startInstance("jwkgate", config(""));
        FakeKongPdk request = bearer(validToken());
        EventOutcome outcome = access(id, request);
        assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(request.upstreamHeaders()).containsEntry("x-user-id", "alice").doesNotContainKey("authorization");
    }

    @Test
    void noForwardedClaimAndTheCredentialKeptTakeOnlyTheHeaderRead() throws Exception {
        int id = kong.startInstance("jwkgate", config("", "", NO_CREDENTIAL));
        FakeKongPdk request = bearer(validToken());
        assertThat(access(id, request).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(request.calls()).containsExactly("kong.request.get_headers");
        assertThat(request.upstreamHeaders()).containsKey("authorization");
    }

    @Test
    void theDefaultCredentialOfTheSubjectCostsOneAuthenticateCall() throws Exception {
        int id = kong.startInstance("jwkgate", config("\"sub\"", "\"X-User-Id\"", ""));
        FakeKongPdk request = bearer(validToken());
        assertThat(access(id, request).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(request.calls()).containsExactly("kong.request.get_headers", "kong.client.authenticate",
                "kong.service.request.set_headers");
        assertThat(request.authenticatedCredential().getId()).isEqualTo("alice");
        assertThat(request.upstreamHeaders()).containsEntry("x-credential-identifier", "alice");
    }

    @Test
    void oneForwardedClaimIsSetWithOneSetHeadersCall() throws Exception {
        int id = kong.startInstance("jwkgate", config("\"sub\"", "\"X-User-Id\"", NO_CREDENTIAL));
        FakeKongPdk request = bearer(validToken());
        assertThat(access(id, request).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(request.calls()).containsExactly("kong.request.get_headers", "kong.service.request.set_headers");
        assertThat(request.upstreamHeaderValues("x-user-id")).containsExactly("alice");
    }

    @Test
    void threeForwardedClaimsAndTheHiddenCredentialTakeOneSetHeadersCall() throws Exception {
        int id = kong.startInstance("jwkgate", config("\"sub\",\"aud\",\"scope\"",
                "\"X-User-Id\",\"X-Audience\",\"X-Scope\"", ",\"hide_credentials\":true" + NO_CREDENTIAL));
        FakeKongPdk request = FakeKongPdk.request("GET", Map.of("authorization", "Bearer " + validToken(),
                "x-user-id", "mallory", "x-scope", List.of("admin", "root")));
        assertThat(access(id, request).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(request.calls()).containsExactly("kong.request.get_headers", "kong.service.request.set_headers");
        assertThat(request.upstreamHeaders()).containsEntry("x-user-id", "alice").containsEntry("x-audience", "api")
                .containsEntry("x-scope", "read write").doesNotContainKey("authorization");
        assertThat(request.upstreamHeaderValues("x-scope")).containsExactly("read write");
    }

    @Test
    void clientCopyOfAForwardedHeaderIsRemovedWhenTheTokenLacksTheClaim() throws Exception {
        int id = kong.startInstance("jwkgate", config("\"sub\",\"tenant\"", "\"X-User-Id\",\"X-Tenant\"", NO_CREDENTIAL));
        FakeKongPdk request = FakeKongPdk.request("GET", Map.of("authorization", "Bearer " + validToken(),
                "x-tenant", "someone-else"));
        assertThat(access(id, request).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(request.calls()).containsExactly("kong.request.get_headers", "kong.service.request.set_headers");
        assertThat(request.upstreamHeaders()).containsEntry("x-user-id", "alice").doesNotContainKey("x-tenant");
    }

    @Test
    void missingTokenIs401WithTheRealmInTheChallengeAndAJsonBody() throws Exception {
        int id = kong.startInstance("jwkgate", config(""));
        EventOutcome outcome = access(id, FakeKongPdk.request("GET", Map.of()));
        assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.EXITED);
        assertThat(outcome.exitStatus()).isEqualTo(401);
        assertThat(outcome.exitHeaders()).containsEntry("WWW-Authenticate", "Bearer realm=\"kong\"")
                .containsEntry("Content-Type", "application/json");
        assertThat(outcome.body()).contains("\"reason\":\"missing_token\"");
    }

    @Test
    void expiredTokenIs401InvalidToken() throws Exception {
        int id = kong.startInstance("jwkgate", config(""));
        String expired = issued(key.sign(claims("alice", "api", "read", -600)));
        EventOutcome outcome = access(id, bearer(expired));
        assertThat(outcome.exitStatus()).isEqualTo(401);
        assertThat(outcome.exitHeaders().get("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(outcome.body()).contains("\"reason\":\"expired\"");
    }

    @Test
    void forgedTokenSignedWithAnotherKeyUnderTheSameKidIs401() throws Exception {
        int id = kong.startInstance("jwkgate", config(""));
        String forged = issued(TestKeys.rsa("attacker").sign(key.kid(), claims("alice", "api", "read", 300)));
        EventOutcome outcome = access(id, bearer(forged));
        assertThat(outcome.exitStatus()).isEqualTo(401);
        assertThat(outcome.body()).contains("\"reason\":\"bad_signature\"");
    }

    @Test
    void tokenForAnotherAudienceIs401() throws Exception {
        int id = kong.startInstance("jwkgate", config(""));
        EventOutcome outcome = access(id, bearer(issued(key.sign(claims("alice", "other-api", "read", 300)))));
        assertThat(outcome.exitStatus()).isEqualTo(401);
        assertThat(outcome.body()).contains("\"reason\":\"wrong_audience\"");
    }

    @Test
    void tokenWithoutTheRequiredScopeIs403InsufficientScope() throws Exception {
        int id = kong.startInstance("jwkgate", config(""));
        EventOutcome outcome = access(id, bearer(issued(key.sign(claims("alice", "api", "write", 300)))));
        assertThat(outcome.exitStatus()).isEqualTo(403);
        assertThat(outcome.exitHeaders().get("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
    }

    @Test
    void keyRotatedAtTheIdentityProviderIsAcceptedAfterOneRefresh() throws Exception {
        int id = kong.startInstance("jwkgate", config(""));
        assertThat(access(id, bearer(validToken())).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        int fetchesBefore = jwks.fetches();
        TestKeys rotated = TestKeys.rsa("k2-" + UUID.randomUUID());
        jwks.serve(TestKeys.jwks(List.of(rotated)));
        String signedWithNewKey = issued(rotated.sign(claims("bob", "api", "read", 300)));
        FakeKongPdk request = bearer(signedWithNewKey);
        assertThat(access(id, request).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(request.upstreamHeaders()).containsEntry("x-user-id", "bob");
        assertThat(jwks.fetches()).isEqualTo(fetchesBefore + 1);
    }

    @Test
    void cachedKeysKeepWorkingWhileTheJwksServerIsDown() throws Exception {
        int id = kong.startInstance("jwkgate", config(""));
        assertThat(access(id, bearer(validToken())).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        jwks.close();
        String fresh = validToken();
        assertThat(access(id, bearer(fresh)).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
    }

    @Test
    void queryTokenIsAcceptedAndStrippedFromTheUpstreamQuery() throws Exception {
        int id = kong.startInstance("jwkgate", config(",\"token_query_params\":[\"jwt\"]"));
        FakeKongPdk request = FakeKongPdk.request("GET", Map.of(), "a=1&jwt=" + validToken() + "&flag");
        assertThat(access(id, request).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(request.upstreamRawQuery()).isEqualTo("a=1&flag");
    }

    @Test
    void requestHeadersLargerThan64KibCrossTheSocket() throws Exception {
        int id = kong.startInstance("jwkgate", config(""));
        FakeKongPdk request = FakeKongPdk.request("GET",
                Map.of("authorization", "Bearer " + validToken(), "x-large", "v".repeat(70_000)));
        assertThat(access(id, request).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
    }

    @Test
    void corsPreflightPassesWithoutATokenWhenRunOnPreflightIsFalse() throws Exception {
        int id = kong.startInstance("jwkgate", config(",\"run_on_preflight\":false"));
        FakeKongPdk preflight = FakeKongPdk.request("OPTIONS",
                Map.of("origin", "https://app.example", "access-control-request-method", "POST"));
        assertThat(access(id, preflight).kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
        assertThat(access(id, FakeKongPdk.request("GET", Map.of())).exitStatus()).isEqualTo(401);
    }

    @Test
    void optionsRequestThatIsNotACorsPreflightStillNeedsAToken() throws Exception {
        int id = kong.startInstance("jwkgate", config(",\"run_on_preflight\":false"));
        assertThat(access(id, FakeKongPdk.request("OPTIONS", Map.of())).exitStatus()).isEqualTo(401);
        assertThat(access(id, FakeKongPdk.request("OPTIONS", Map.of("origin", "https://app.example"))).exitStatus())
                .isEqualTo(401);
    }

    @Test
    void manyConnectionsValidateTokensAtOnceAndReuseTheirConnections() throws Exception {
        String configJson = config("");
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String token = validToken();
                results.add(workers.submit((Callable<int[]>) () -> {
                    try (KongPeer worker = new KongPeer(server.socket())) {
                        int id = worker.startInstance("jwkgate", configJson);
                        int passed = 0;
                        for (int i = 0; i < 25; i++) {
                            if (worker.handleEvent(id, "access", bearer(token)).kind() == EventOutcome.Kind.COMPLETED) {
                                passed++;
                            }
                        }
                        int refused = worker.handleEvent(id, "access", FakeKongPdk.request("GET", Map.of())).exitStatus();
                        return new int[] {passed, refused, worker.connectionsOpened()};
                    }
                }));
            }
            for (Future<int[]> result : results) {
                int[] r = result.get(120, TimeUnit.SECONDS);
                assertThat(r[0]).isEqualTo(25);
                assertThat(r[1]).isEqualTo(401);
                assertThat(r[2]).as("connections opened by one worker").isEqualTo(1);
            }
        } finally {
            workers.shutdownNow();
        }
    }
}
