package dev.jwkgate.kong.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.gateway.GatewayRequest;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The adapter only translates: these tests feed it decisions and check the PDK calls it makes. */
class JwtPluginTest {

    private static final GatewayDecision ALLOW = new GatewayDecision(null, null,
            Set.of("x-user-id"), Map.of("X-User-Id", "alice"), Set.of());

    @Test
    void requestWithNoHeaderToChangeMakesNoCallToKong() {
        GatewayDecision nothing = new GatewayDecision(null, null, Set.of(), Map.of(), Set.of());
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t"));
        InMemoryChannel channel = run(pdk, request -> nothing, true);
        assertThat(channel.exit()).isNull();
        assertThat(pdk.calls()).isEmpty();
        assertThat(pdk.upstreamHeaders()).containsEntry("authorization", "Bearer t");
    }

    @Test
    void oneForwardedClaimReplacesTheClientsCopyInOneSetHeadersCall() {
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t", "x-user-id", "mallory"));
        InMemoryChannel channel = run(pdk, request -> ALLOW, true);
        assertThat(channel.exit()).isNull();
        assertThat(pdk.upstreamHeaderValues("x-user-id")).containsExactly("alice");
        assertThat(pdk.calls()).containsExactly("kong.service.request.set_headers");
    }

    @Test
    void threeForwardedClaimsStillTakeOneSetHeadersCall() {
        GatewayDecision three = new GatewayDecision(null, null, Set.of("x-user-id", "x-client-id", "x-scope"),
                Map.of("X-User-Id", "alice", "X-Client-Id", "web", "X-Scope", "read write"), Set.of());
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("x-user-id", "mallory", "x-scope", "admin"));
        run(pdk, request -> three, true);
        assertThat(pdk.upstreamHeaders()).containsEntry("x-user-id", "alice").containsEntry("x-client-id", "web")
                .containsEntry("x-scope", "read write");
        assertThat(pdk.calls()).containsExactly("kong.service.request.set_headers");
    }

    @Test
    void clientCopyOfAClaimHeaderIsRemovedInTheSameCallWhenTheTokenLacksTheClaim() {
        GatewayDecision noClientId = new GatewayDecision(null, null, Set.of("x-user-id", "x-client-id"),
                Map.of("X-User-Id", "alice"), Set.of());
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("x-user-id", "mallory", "x-client-id", List.of("a", "b")));
        run(pdk, request -> noClientId, true);
        assertThat(pdk.upstreamHeaders()).containsEntry("x-user-id", "alice").doesNotContainKey("x-client-id");
        assertThat(pdk.calls()).containsExactly("kong.service.request.set_headers");
    }

    @Test
    void hiddenTokenHeaderIsRemovedInTheSameCallAsTheClaims() {
        GatewayDecision hide = new GatewayDecision(null, null, Set.of("authorization", "x-user-id"),
                Map.of("X-User-Id", "alice"), Set.of());
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t"));
        run(pdk, request -> hide, true);
        assertThat(pdk.upstreamHeaders()).doesNotContainKey("authorization").containsEntry("x-user-id", "alice");
        assertThat(pdk.calls()).containsExactly("kong.service.request.set_headers");
    }

    @Test
    void removedHostHeaderGoesThroughClearHeaderSoTheUpstreamHostIsLeftAlone() {
        GatewayDecision noHostClaim = new GatewayDecision(null, null, Set.of("host"), Map.of(), Set.of());
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("host", "evil.example"));
        run(pdk, request -> noHostClaim, true);
        assertThat(pdk.upstreamHeaders()).doesNotContainKey("host");
        assertThat(pdk.upstreamHost()).isNull();
        assertThat(pdk.calls()).containsExactly("kong.service.request.clear_header");
    }

    @Test
    void hiddenCookieIsClearedThenTheRemainingCookiesAreSetBack() {
        GatewayDecision stripCookie = new GatewayDecision(null, null, Set.of("cookie", "x-user-id"),
                Map.of("Cookie", "theme=dark", "X-User-Id", "alice"), Set.of());
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("cookie", "session=t; theme=dark"));
        run(pdk, request -> stripCookie, true);
        assertThat(pdk.upstreamHeaders()).containsEntry("cookie", "theme=dark").containsEntry("x-user-id", "alice");
    }

    @Test
    void refusedRequestExitsWithTheCoresStatusChallengeAndJsonBody() {
        HttpRejection rejection = HttpRejection.of(ReasonCode.EXPIRED, "api");
        GatewayDecision refuse = new GatewayDecision(ValidationResult.refused(ReasonCode.EXPIRED, "expired"),
                rejection, Set.of(), Map.of(), Set.of());
        InMemoryChannel channel = run(FakeKongPdk.request("GET", Map.of()), request -> refuse, true);
        assertThat(channel.exit().exitStatus()).isEqualTo(401);
        assertThat(channel.exit().exitHeaders())
                .containsEntry("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\"")
                .containsEntry("Content-Type", "application/json");
        assertThat(channel.exit().body()).isEqualTo(rejection.body());
    }

    @Test
    void internalErrorIsLoggedAndAnswered500WithoutAChallenge() {
        HttpRejection rejection = HttpRejection.of(ReasonCode.INTERNAL_ERROR, null);
        GatewayDecision failed = new GatewayDecision(ValidationResult.refused(ReasonCode.INTERNAL_ERROR, "boom"),
                rejection, Set.of(), Map.of(), Set.of());
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of());
        InMemoryChannel channel = run(pdk, request -> failed, true);
        assertThat(channel.exit().exitStatus()).isEqualTo(500);
        assertThat(channel.exit().exitHeaders()).doesNotContainKey("WWW-Authenticate");
        assertThat(pdk.errorLogs()).singleElement().asString().contains("internal_error");
    }

    @Test
    void preflightPassesWithoutConsultingThePolicyWhenRunOnPreflightIsFalse() {
        FakeKongPdk pdk = FakeKongPdk.request("OPTIONS", Map.of());
        InMemoryChannel channel = run(pdk, request -> {
            throw new AssertionError("policy consulted");
        }, false);
        assertThat(channel.exit()).isNull();
        assertThat(pdk.calls()).containsExactly("kong.request.get_method");
    }

    @Test
    void preflightIsValidatedWhenRunOnPreflightIsTrue() {
        AtomicReference<String> seenMethod = new AtomicReference<>();
        run(FakeKongPdk.request("OPTIONS", Map.of()), request -> {
            seenMethod.set(request.method());
            return ALLOW;
        }, true);
        assertThat(seenMethod).hasValue("OPTIONS");
    }

    @Test
    void strippedQueryTokenLeavesTheOtherParametersAsTheyWere() {
        GatewayDecision strip = new GatewayDecision(null, null, Set.of(), Map.of(), Set.of("jwt"));
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of(), "a=1&jwt=abc&flag&b=%20x");
        run(pdk, request -> strip, true);
        assertThat(pdk.upstreamRawQuery()).isEqualTo("a=1&flag&b=%20x");
    }

    @Test
    void coreReadsAllValuesOfARepeatedHeaderCaseInsensitively() {
        AtomicReference<List<String>> seen = new AtomicReference<>();
        run(FakeKongPdk.request("GET", Map.of("authorization", List.of("Bearer a", "Bearer b"))), request -> {
            seen.set(request.headerValues("Authorization"));
            return ALLOW;
        }, true);
        assertThat(seen.get()).containsExactly("Bearer a", "Bearer b");
    }

    @Test
    void queryTokenIsReadThroughGetQuerySoABareFlagDoesNotFailInsideKong() {
        AtomicReference<String> flag = new AtomicReference<>();
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of(), "jwt&x=1");
        run(pdk, request -> {
            flag.set(request.queryParam("jwt"));
            return ALLOW;
        }, true);
        assertThat(flag).hasValue("");
        assertThat(pdk.calls()).contains("kong.request.get_query").doesNotContain("kong.request.get_query_arg");
    }

    @Test
    void headersAreFetchedOncePerEventWhateverTheCoreAsks() {
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t"));
        run(pdk, request -> {
            request.headerValues("authorization");
            request.headerValues("cookie");
            return ALLOW;
        }, true);
        assertThat(pdk.calls()).containsOnlyOnce("kong.request.get_headers");
    }

    @Test
    void requestIdIsKongsRequestIdVariableReadOnce() {
        AtomicReference<List<String>> ids = new AtomicReference<>();
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of()).withNginxVariable("kong_request_id", "7f3a9c0d1e2b4f5a");
        run(pdk, request -> {
            ids.set(List.of(request.requestId(), request.requestId()));
            return ALLOW;
        }, true);
        assertThat(ids.get()).containsExactly("7f3a9c0d1e2b4f5a", "7f3a9c0d1e2b4f5a");
        assertThat(pdk.calls()).containsOnlyOnce("kong.nginx.get_var");
    }

    @Test
    void requestIdIsNoneBeforeKong35DefinesTheVariable() {
        AtomicReference<String> id = new AtomicReference<>("unset");
        run(FakeKongPdk.request("GET", Map.of()), request -> {
            id.set(request.requestId());
            return ALLOW;
        }, true);
        assertThat(id.get()).isNull();
    }

    @Test
    void requestIdIsNotAskedOfKongUnlessSomethingIsLogged() {
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t"));
        run(pdk, request -> ALLOW, true);
        assertThat(pdk.calls()).doesNotContain("kong.nginx.get_var");
    }

    private static InMemoryChannel run(FakeKongPdk pdk, Function<GatewayRequest, GatewayDecision> policy,
                                       boolean runOnPreflight) {
        InMemoryChannel channel = new InMemoryChannel(pdk);
        new JwtPlugin(policy, runOnPreflight).access(new Kong(channel));
        return channel;
    }
}
