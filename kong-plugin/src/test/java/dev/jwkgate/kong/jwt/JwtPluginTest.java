package dev.jwkgate.kong.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.gateway.GatewayPolicy;
import dev.jwkgate.gateway.GatewayRequest;
import dev.jwkgate.gateway.HeaderChange;
import dev.jwkgate.gateway.QueryRewrite;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.InMemoryChannel;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.token.TokenValidator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The adapter only translates: these tests feed it decisions and check the PDK calls it makes. */
class JwtPluginTest {

    private static final GatewayDecision ALLOW = allowed(HeaderChange.set("X-User-Id", "alice"));

    private static GatewayDecision allowed(HeaderChange... changes) {
        return new GatewayDecision(null, null, List.of(changes), QueryRewrite.NONE);
    }

    @Test
    void requestWithNoHeaderToChangeMakesNoCallToKong() {
        GatewayDecision nothing = allowed();
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t"));
        InMemoryChannel channel = run(pdk, request -> nothing);
        assertThat(channel.exit()).isNull();
        assertThat(pdk.calls()).isEmpty();
        assertThat(pdk.upstreamHeaders()).containsEntry("authorization", "Bearer t");
    }

    @Test
    void oneForwardedClaimReplacesTheClientsCopyInOneSetHeadersCall() {
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t", "x-user-id", "mallory"));
        InMemoryChannel channel = run(pdk, request -> ALLOW);
        assertThat(channel.exit()).isNull();
        assertThat(pdk.upstreamHeaderValues("x-user-id")).containsExactly("alice");
        assertThat(pdk.calls()).containsExactly("kong.service.request.set_headers");
    }

    @Test
    void threeForwardedClaimsStillTakeOneSetHeadersCall() {
        GatewayDecision three = allowed(HeaderChange.set("X-User-Id", "alice"), HeaderChange.set("X-Client-Id", "web"),
                HeaderChange.set("X-Scope", "read write"));
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("x-user-id", "mallory", "x-scope", "admin"));
        run(pdk, request -> three);
        assertThat(pdk.upstreamHeaders()).containsEntry("x-user-id", "alice").containsEntry("x-client-id", "web")
                .containsEntry("x-scope", "read write");
        assertThat(pdk.calls()).containsExactly("kong.service.request.set_headers");
    }

    @Test
    void clientCopyOfAClaimHeaderIsRemovedInTheSameCallWhenTheTokenLacksTheClaim() {
        GatewayDecision noClientId = allowed(HeaderChange.remove("x-client-id"), HeaderChange.set("X-User-Id", "alice"));
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("x-user-id", "mallory", "x-client-id", List.of("a", "b")));
        run(pdk, request -> noClientId);
        assertThat(pdk.upstreamHeaders()).containsEntry("x-user-id", "alice").doesNotContainKey("x-client-id");
        assertThat(pdk.calls()).containsExactly("kong.service.request.set_headers");
    }

    @Test
    void hiddenTokenHeaderIsRemovedInTheSameCallAsTheClaims() {
        GatewayDecision hide = allowed(HeaderChange.remove("authorization"), HeaderChange.set("X-User-Id", "alice"));
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t"));
        run(pdk, request -> hide);
        assertThat(pdk.upstreamHeaders()).doesNotContainKey("authorization").containsEntry("x-user-id", "alice");
        assertThat(pdk.calls()).containsExactly("kong.service.request.set_headers");
    }

    @Test
    void removesAClientCopySpelledWithUnderscoresInTheSameCall() {
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("x_user_id", "admin", "x-user-id", "mallory"));
        run(pdk, request -> allowed(HeaderChange.remove("x_user_id"), HeaderChange.set("X-User-Id", "alice")));
        assertThat(pdk.upstreamHeaders()).containsEntry("x-user-id", "alice").doesNotContainKey("x_user_id");
        assertThat(pdk.calls()).containsExactly("kong.service.request.set_headers");
    }

    @Test
    void removedHostHeaderGoesThroughClearHeaderSoTheUpstreamHostIsLeftAlone() {
        GatewayDecision noHostClaim = allowed(HeaderChange.remove("host"));
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("host", "evil.example"));
        run(pdk, request -> noHostClaim);
        assertThat(pdk.upstreamHeaders()).doesNotContainKey("host");
        assertThat(pdk.upstreamHost()).isNull();
        assertThat(pdk.calls()).containsExactly("kong.service.request.clear_header");
    }

    @Test
    void hiddenCookieIsClearedThenTheRemainingCookiesAreSetBack() {
        GatewayDecision stripCookie = allowed(HeaderChange.set("Cookie", "theme=dark"), HeaderChange.set("X-User-Id", "alice"));
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("cookie", "session=t; theme=dark"));
        run(pdk, request -> stripCookie);
        assertThat(pdk.upstreamHeaders()).containsEntry("cookie", "theme=dark").containsEntry("x-user-id", "alice");
    }

    @Test
    void refusedRequestExitsWithTheCoresStatusChallengeAndJsonBody() {
        HttpRejection rejection = HttpRejection.of(ReasonCode.EXPIRED, "api");
        GatewayDecision refuse = GatewayDecision.refused(ValidationResult.refused(ReasonCode.EXPIRED, "expired"),
                rejection);
        InMemoryChannel channel = run(FakeKongPdk.request("GET", Map.of()), request -> refuse);
        assertThat(channel.exit().exitStatus()).isEqualTo(401);
        assertThat(channel.exit().exitHeaders())
                .containsEntry("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\"")
                .containsEntry("Content-Type", "application/json");
        assertThat(channel.exit().body()).isEqualTo(rejection.body());
    }

    @Test
    void internalErrorIsLoggedAndAnswered500WithoutAChallenge() {
        HttpRejection rejection = HttpRejection.of(ReasonCode.INTERNAL_ERROR, null);
        GatewayDecision failed = GatewayDecision.refused(ValidationResult.refused(ReasonCode.INTERNAL_ERROR, "boom"),
                rejection);
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of());
        InMemoryChannel channel = run(pdk, request -> failed);
        assertThat(channel.exit().exitStatus()).isEqualTo(500);
        assertThat(channel.exit().exitHeaders()).doesNotContainKey("WWW-Authenticate");
        assertThat(pdk.errorLogs()).singleElement().asString().contains("internal_error");
    }

    @Test
    void optionsRequestsGoToTheCoreLikeAnyOtherSoThePluginDecidesNothing() {
        AtomicReference<String> seenMethod = new AtomicReference<>();
        run(FakeKongPdk.request("OPTIONS", Map.of()), request -> {
            seenMethod.set(request.method());
            return ALLOW;
        });
        assertThat(seenMethod).hasValue("OPTIONS");
    }

    @Test
    void preflightLetThroughStillReachesTheUpstreamWithoutTheClientsCopyOfAForwardedHeader() {
        JwkGateConfig config = JwkGateConfig.fromMap(Map.of("issuer", "https://idp.example",
                "jwks_uri", "https://idp.example/jwks", "run_on_preflight", false,
                "forward_claims", Map.of("sub", "X-User-Id")), ConfigProfile.GATEWAY);
        GatewayPolicy policy = GatewayPolicy.create(config, new TokenValidator() {
            @Override
            public ValidationResult validate(String token) {
                throw new AssertionError("a preflight without a token is not validated");
            }

            @Override
            public KeySetSource keySource() {
                throw new UnsupportedOperationException();
            }
        });
        FakeKongPdk pdk = FakeKongPdk.request("OPTIONS", Map.of("origin", "https://app.example",
                "access-control-request-method", "POST", "x-user-id", "admin", "x_user_id", "admin"));

        InMemoryChannel channel = run(pdk, policy::decide);

        assertThat(channel.exit()).isNull();
        assertThat(pdk.upstreamHeaders()).doesNotContainKeys("x-user-id", "x_user_id")
                .containsEntry("origin", "https://app.example");
    }

    @Test
    void strippedQueryTokenLeavesTheOtherParametersAsTheyWere() {
        GatewayDecision strip = new GatewayDecision(null, null, List.of(), QueryRewrite.removing("jwt"));
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of(), "a=1&jwt=abc&flag&b=%20x");
        run(pdk, request -> strip);
        assertThat(pdk.upstreamRawQuery()).isEqualTo("a=1&flag&b=%20x");
    }

    @Test
    void coreReadsAllValuesOfARepeatedHeaderCaseInsensitively() {
        AtomicReference<List<String>> seen = new AtomicReference<>();
        run(FakeKongPdk.request("GET", Map.of("authorization", List.of("Bearer a", "Bearer b"))), request -> {
            seen.set(request.headerValues("Authorization"));
            return ALLOW;
        });
        assertThat(seen.get()).containsExactly("Bearer a", "Bearer b");
    }

    @Test
    void queryTokenIsReadThroughGetQuerySoABareFlagDoesNotFailInsideKong() {
        AtomicReference<List<String>> flag = new AtomicReference<>();
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of(), "jwt&x=1");
        run(pdk, request -> {
            flag.set(request.queryParamValues("jwt"));
            return ALLOW;
        });
        assertThat(flag.get()).containsExactly("");
        assertThat(pdk.calls()).contains("kong.request.get_query").doesNotContain("kong.request.get_query_arg");
    }

    @Test
    void headersAreFetchedOncePerEventWhateverTheCoreAsks() {
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t"));
        run(pdk, request -> {
            request.headerValues("authorization");
            request.headerValues("cookie");
            return ALLOW;
        });
        assertThat(pdk.calls()).containsOnlyOnce("kong.request.get_headers");
    }

    @Test
    void requestIdIsKongsRequestIdVariableReadOnce() {
        AtomicReference<List<String>> ids = new AtomicReference<>();
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of()).withNginxVariable("kong_request_id", "7f3a9c0d1e2b4f5a");
        run(pdk, request -> {
            ids.set(List.of(request.requestId(), request.requestId()));
            return ALLOW;
        });
        assertThat(ids.get()).containsExactly("7f3a9c0d1e2b4f5a", "7f3a9c0d1e2b4f5a");
        assertThat(pdk.calls()).containsOnlyOnce("kong.nginx.get_var");
    }

    @Test
    void requestIdIsNoneBeforeKong35DefinesTheVariable() {
        AtomicReference<String> id = new AtomicReference<>("unset");
        run(FakeKongPdk.request("GET", Map.of()), request -> {
            id.set(request.requestId());
            return ALLOW;
        });
        assertThat(id.get()).isNull();
    }

    @Test
    void requestIdIsNotAskedOfKongUnlessSomethingIsLogged() {
        FakeKongPdk pdk = FakeKongPdk.request("GET", Map.of("authorization", "Bearer t"));
        run(pdk, request -> ALLOW);
        assertThat(pdk.calls()).doesNotContain("kong.nginx.get_var");
    }

    @Test
    void coreSeesEveryValueOfARepeatedQueryParameter() {
        AtomicReference<List<String>> seen = new AtomicReference<>();
        run(FakeKongPdk.request("GET", Map.of(), "jwt=a&x=1&jwt=b"), request -> {
            seen.set(request.queryParamValues("jwt"));
            return ALLOW;
        });
        assertThat(seen.get()).containsExactly("a", "b");
    }

    @Test
    void countsEveryValueOfTheHeadersKongHandsOverAsALine() {
        AtomicReference<Integer> lines = new AtomicReference<>();
        run(FakeKongPdk.request("GET", Map.of("a", List.of("1", "2"), "b", "3")), request -> {
            lines.set(request.headerLineCount());
            return ALLOW;
        });
        assertThat(lines).hasValue(3);
    }

    @Test
    void countsOnlyTheQueryArgumentsKongHandsOverAtItsCap() {
        StringBuilder query = new StringBuilder("jwt=t");
        for (int i = 1; i < KongRequestView.MAX_ARGS + 5; i++) {
            query.append("&a").append(i).append("=v");
        }
        AtomicReference<Integer> arguments = new AtomicReference<>();
        run(FakeKongPdk.request("GET", Map.of(), query.toString()), request -> {
            arguments.set(request.queryArgumentCount());
            return ALLOW;
        });
        assertThat(arguments).hasValue(KongRequestView.MAX_ARGS);
    }

    private static InMemoryChannel run(FakeKongPdk pdk, Function<GatewayRequest, GatewayDecision> policy) {
        InMemoryChannel channel = new InMemoryChannel(pdk);
        new JwtPlugin(policy).access(new Kong(channel));
        return channel;
    }
}
