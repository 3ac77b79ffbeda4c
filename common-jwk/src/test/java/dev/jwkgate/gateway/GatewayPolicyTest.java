package dev.jwkgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.metrics.MetricsRecorder;
import dev.jwkgate.metrics.ProcessMetrics;
import dev.jwkgate.metrics.support.RecordingMetrics;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.result.VerifiedToken;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.token.TokenValidator;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayPolicyTest {

    private static final String GOOD = "good.token.sig";

    /** Accepts only {@link #GOOD}; records what it was asked. */
    private static final class StubValidator implements TokenValidator {
        final List<String> seen = new ArrayList<>();
        final List<Object> requests = new ArrayList<>();
        RuntimeException failure;

        @Override
        public ValidationResult validate(String token, dev.jwkgate.audit.CorrelatedRequest request) {
            requests.add(request);
            return validate(token);
        }

        @Override
        public ValidationResult validate(String token) {
            seen.add(token);
            if (failure != null) {
                throw failure;
            }
            if (!token.equals(GOOD)) {
                return ValidationResult.refused(ReasonCode.BAD_SIGNATURE, "signature does not verify");
            }
            Map<String, Object> claims = new HashMap<>(Map.of("sub", "alice", "roles", List.of("a", "b"),
                    "realm_access", Map.of("roles", List.of("llm-user", "offline_access")),
                    "tenant", Map.of("id", 7L), "evil", "x\r\nX-Admin: true"));
            // numbers as the strict parser gives them: Long, BigInteger beyond a long, Double with a fraction or exponent
            claims.putAll(Map.of("huge", 1e19, "half", 1.5, "exponent", 1e2, "long", 9_007_199_254_740_993L,
                    "big", new BigInteger("12345678901234567890"), "mixed", List.of(1L, 1e19)));
            return ValidationResult.accepted(new VerifiedToken(claims, "k1", "RS256", "thumb", Instant.EPOCH));
        }

        @Override
        public KeySetSource keySource() {
            throw new UnsupportedOperationException();
        }
    }

    private final StubValidator validator = new StubValidator();

    private GatewayPolicy policy(Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>();
        m.put("issuer", "https://idp.example");
        m.put("jwks_uri", "https://idp.example/certs");
        m.putAll(extra);
        return GatewayPolicy.create(JwkGateConfig.fromMap(m, ConfigProfile.GATEWAY), validator);
    }

    @Test
    void countsARequestWithoutTokenAsRefusedWithMissingToken() {
        RecordingMetrics metrics = new RecordingMetrics();
        ProcessMetrics.use(metrics);
        try {
            GatewayPolicy policy = policy(Map.of());
            policy.decide(new FakeRequest());
            policy.decide(new FakeRequest().header("Authorization", "Bearer a").header("Authorization", "Bearer b"));
        } finally {
            ProcessMetrics.use(MetricsRecorder.NONE);
        }

        assertThat(metrics.count("refused_untimed:missing_token")).isEqualTo(1);
        assertThat(metrics.count("refused_untimed:malformed")).isEqualTo(1);
        assertThat(metrics.issuers).containsExactly("https://idp.example");
    }

    @Test
    void countsATokenTheValidatorSawOnlyOnce() {
        RecordingMetrics metrics = new RecordingMetrics();
        ProcessMetrics.use(metrics);
        try {
            policy(Map.of()).decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        } finally {
            ProcessMetrics.use(MetricsRecorder.NONE);
        }

        assertThat(metrics.verdicts()).isZero(); // the (stub) validator counts its own verdicts
    }

    @Test
    void handsTheRequestToTheValidatorSoARefusalCanNameIt() {
        FakeRequest request = new FakeRequest().header("Authorization", "Bearer " + GOOD);

        policy(Map.of()).decide(request);

        assertThat(validator.requests).containsExactly(request);
    }

    @Test
    void refusesRequestWithoutTokenWith401AndNoErrorCode() {
        GatewayDecision d = policy(Map.of()).decide(new FakeRequest());
        assertThat(d.allowed()).isFalse();
        assertThat(d.rejection().status()).isEqualTo(401);
        assertThat(d.rejection().body()).contains("missing_token");
        assertThat(validator.seen).isEmpty();
    }

    @Test
    void takesBearerTokenFromAuthorizationHeaderCaseInsensitively() {
        GatewayDecision d = policy(Map.of()).decide(new FakeRequest().header("Authorization", "bEaReR " + GOOD));
        assertThat(d.allowed()).isTrue();
        assertThat(validator.seen).containsExactly(GOOD);
    }

    @Test
    void ignoresAuthorizationHeaderWithAnotherScheme() {
        GatewayDecision d = policy(Map.of()).decide(new FakeRequest().header("Authorization", "Basic YWxpY2U6cHc="));
        assertThat(d.rejection().body()).contains("missing_token");
    }

    @Test
    void refusesTwoAuthorizationHeadersAsAmbiguous() {
        GatewayDecision d = policy(Map.of()).decide(new FakeRequest()
                .header("Authorization", "Bearer " + GOOD).header("Authorization", "Bearer other"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.result().reason()).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void refusesInvalidTokenWithTheCoreReason() {
        GatewayDecision d = policy(Map.of("realm", "api")).decide(new FakeRequest().header("authorization", "Bearer forged"));
        assertThat(d.rejection().status()).isEqualTo(401);
        assertThat(d.rejection().wwwAuthenticate()).isEqualTo("Bearer realm=\"api\", error=\"invalid_token\"");
        assertThat(d.rejection().body()).contains("bad_signature");
    }

    @Test
    void readsCustomHeaderWithOrWithoutBearerPrefix() {
        GatewayPolicy p = policy(Map.of("token_headers", List.of("X-Token")));
        assertThat(p.decide(new FakeRequest().header("x-token", GOOD)).allowed()).isTrue();
        assertThat(p.decide(new FakeRequest().header("x-token", "Bearer " + GOOD)).allowed()).isTrue();
    }

    @Test
    void fallsBackToQueryParameterThenCookie() {
        GatewayPolicy p = policy(Map.of("token_query_params", List.of("jwt"), "token_cookies", List.of("session")));
        assertThat(p.decide(new FakeRequest().query("jwt", GOOD)).allowed()).isTrue();
        assertThat(p.decide(new FakeRequest().header("Cookie", "a=1; session=" + GOOD + "; b=2")).allowed()).isTrue();
    }

    @Test
    void forwardsClaimsAsHeadersAndRemovesClientSentCopies() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("sub", "X-User-Id", "roles", "X-Roles",
                "missing", "X-Missing"))).decide(new FakeRequest()
                .header("Authorization", "Bearer " + GOOD).header("X-User-Id", "mallory").header("X-Missing", "spoofed"));
        assertThat(removed(d)).contains("x-missing").doesNotContain("x-user-id", "x-roles");
        assertThat(set(d)).containsEntry("X-User-Id", "alice").containsEntry("X-Roles", "a,b")
                .doesNotContainKey("X-Missing");
    }

    @Test
    void removesTheClientsCopyOfTheOnlyForwardedHeaderWhenTheTokenLacksItsClaim() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("missing", "X-Missing"))).decide(new FakeRequest()
                .header("Authorization", "Bearer " + GOOD).header("X-Missing", "spoofed"));
        assertThat(removed(d)).containsExactly("x-missing");
        assertThat(set(d)).isEmpty();
    }

    @Test
    void forwardsClaimsAndStripsTheTokenInTheSameDecision() {
        GatewayDecision d = policy(Map.of("strip_token", true, "forward_claims", Map.of("sub", "X-User-Id")))
                .decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(removed(d)).containsExactly("authorization");
        assertThat(set(d)).containsExactly(Map.entry("X-User-Id", "alice"));
    }

    @Test
    void forwardsANestedClaimByItsPath() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("realm_access.roles", "X-Roles")))
                .decide(new FakeRequest().header("Authorization", "Bearer " + GOOD).header("X-Roles", "admin"));
        assertThat(set(d)).containsExactly(Map.entry("X-Roles", "llm-user,offline_access"));
    }

    @Test
    void refusesAForwardedClaimPathWithAnEmptyName() {
        assertThatThrownBy(() -> policy(Map.of("forward_claims", Map.of("realm_access..roles", "X-Roles"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("forward_claims: claim path");
    }

    @Test
    void forwardsObjectClaimsAsJson() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("tenant", "X-Tenant")))
                .decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(set(d)).containsEntry("X-Tenant", "{\"id\":7}");
    }

    @Test
    void forwardedClaimsCannotInjectHeaders() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("evil", "X-Evil")))
                .decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(set(d).get("X-Evil")).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void keepsTokenUpstreamByDefault() {
        GatewayDecision d = policy(Map.of()).decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(d.headerChanges()).isEmpty();
    }

    @Test
    void stripsTokenHeaderWhenConfigured() {
        GatewayDecision d = policy(Map.of("strip_token", true))
                .decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(removed(d)).containsExactly("authorization");
    }

    @Test
    void stripsTokenQueryParameterWhenConfigured() {
        GatewayDecision d = policy(Map.of("strip_token", true, "token_query_params", List.of("jwt")))
                .decide(new FakeRequest().query("jwt", GOOD));
        assertThat(d.query().removedParams()).containsExactly("jwt");
        assertThat(d.headerChanges()).isEmpty();
    }

    @Test
    void stripsOnlyTheTokenCookieWhenConfigured() {
        GatewayDecision d = policy(Map.of("strip_token", true, "token_cookies", List.of("session")))
                .decide(new FakeRequest().header("Cookie", "a=1; session=" + GOOD + "; b=2"));
        assertThat(removed(d)).doesNotContain("cookie");
        assertThat(set(d)).containsExactly(Map.entry("Cookie", "a=1; b=2"));
    }

    @Test
    void internalFailureFailsClosedWith500() {
        validator.failure = new IllegalStateException("boom");
        GatewayDecision d = policy(Map.of()).decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(d.allowed()).isFalse();
        assertThat(d.rejection().status()).isEqualTo(500);
        assertThat(d.rejection().body()).doesNotContain("boom");
    }

    @Test
    void removesClientCopiesOfForwardedHeadersUnderEverySpellingAnUpstreamReadsAsTheSameName() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("missing", "X-User-Sub"))).decide(new FakeRequest()
                .header("Authorization", "Bearer " + GOOD).header("x_user_sub", "admin").header("X-User_Sub", "admin"));
        assertThat(removed(d)).containsExactlyInAnyOrder("x-user-sub", "x_user_sub", "X-User_Sub");
    }

    @Test
    void setsAForwardedHeaderAndRemovesItsOtherSpellingsSoTheUpstreamSeesOnlyTheVerifiedValue() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("sub", "X-User-Sub"))).decide(new FakeRequest()
                .header("Authorization", "Bearer " + GOOD).header("x-user-sub", "admin").header("x_user_sub", "admin"));
        assertThat(d.headerChanges()).containsExactly(HeaderChange.remove("x_user_sub"),
                HeaderChange.set("X-User-Sub", "alice"));
    }

    @Test
    void listsRemovalsBeforeSetsAndNeverNamesAHeaderTwice() {
        GatewayDecision d = policy(Map.of("strip_token", true, "token_cookies", List.of("session"),
                "forward_claims", Map.of("sub", "X-User-Id", "missing", "X-Missing")))
                .decide(new FakeRequest().header("Cookie", "a=1; session=" + GOOD).header("X-USER-ID", "mallory"));
        List<String> names = d.headerChanges().stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(d.headerChanges()).containsExactly(HeaderChange.remove("x-missing"),
                HeaderChange.set("X-User-Id", "alice"), HeaderChange.set("Cookie", "a=1"));
    }

    @Test
    void refusesTheTokenHeaderSentAgainUnderASpellingTheUpstreamReadsAsTheSameName() {
        GatewayDecision d = policy(Map.of("token_headers", List.of("X-Token"))).decide(new FakeRequest()
                .header("x-token", GOOD).header("x_token", "forged"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.result().reason()).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void strippedTokenHeaderGoesUnderEverySpelling() {
        GatewayDecision d = policy(Map.of("strip_token", true, "token_headers", List.of("X-Token")))
                .decide(new FakeRequest().header("X-Token", GOOD));
        assertThat(removed(d)).containsExactly("x-token");
    }

    @Test
    void refusesAConfigurationForwardingTwoClaimsToHeadersAnUpstreamReadsAsOne() {
        assertThatThrownBy(() -> policy(Map.of("forward_claims", Map.of("sub", "X-User", "email", "x_user"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("forward_claims");
    }

    @Test
    void checksACorsPreflightLikeAnyRequestByDefault() {
        GatewayDecision d = policy(Map.of()).decide(preflight());
        assertThat(d.allowed()).isFalse();
        assertThat(d.rejection().status()).isEqualTo(401);
    }

    @Test
    void letsACorsPreflightWithoutATokenThroughWhenRunOnPreflightIsFalse() {
        GatewayDecision d = policy(Map.of("run_on_preflight", false)).decide(preflight());
        assertThat(d.allowed()).isTrue();
        assertThat(d.result()).isNull();
        assertThat(d.headerChanges()).isEmpty();
        assertThat(validator.seen).isEmpty();
    }

    @Test
    void preflightLetThroughLosesClientCopiesOfForwardedHeadersUnderEverySpelling() {
        GatewayDecision d = policy(Map.of("run_on_preflight", false, "forward_claims", Map.of("sub", "X-User-Id")))
                .decide(preflight().header("X-User-Id", "admin").header("x_user_id", "admin"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.headerChanges()).containsExactly(HeaderChange.remove("x-user-id"), HeaderChange.remove("x_user_id"));
    }

    @Test
    void optionsWithoutOriginOrRequestMethodIsNoPreflightAndNeedsAToken() {
        GatewayPolicy p = policy(Map.of("run_on_preflight", false));
        assertThat(p.decide(new FakeRequest().method("OPTIONS")).allowed()).isFalse();
        assertThat(p.decide(new FakeRequest().method("OPTIONS").header("Origin", "https://app.example")).allowed())
                .isFalse();
        assertThat(p.decide(new FakeRequest().method("OPTIONS").header("Access-Control-Request-Method", "POST"))
                .allowed()).isFalse();
    }

    @Test
    void aTokenOnAPreflightIsCheckedAsOnAnyRequest() {
        GatewayDecision d = policy(Map.of("run_on_preflight", false))
                .decide(preflight().header("Authorization", "Bearer forged"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.result().reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void refusesAQueryTokenSentTwiceAsAmbiguous() {
        GatewayDecision d = policy(Map.of("token_query_params", List.of("jwt")))
                .decide(new FakeRequest().query("jwt", GOOD).query("jwt", "expired.token.sig"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.result().reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(validator.seen).isEmpty();
    }

    @Test
    void refusesATokenCookieSentTwiceAsAmbiguous() {
        GatewayPolicy p = policy(Map.of("token_cookies", List.of("session")));
        GatewayDecision inOneHeader = p.decide(new FakeRequest().header("Cookie", "session=" + GOOD + "; session=x"));
        GatewayDecision inTwoHeaders = p.decide(new FakeRequest().header("Cookie", "session=" + GOOD)
                .header("Cookie", "a=1; session=x"));
        assertThat(inOneHeader.result().reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(inTwoHeaders.result().reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(validator.seen).isEmpty();
    }

    @Test
    void refusesARequestWithAsManyHeaderLinesAsAGatewayHandsOverSinceSomeMayBeMissing() {
        FakeRequest request = new FakeRequest().header("Authorization", "Bearer " + GOOD);
        for (int i = 1; i < ReadCaps.HEADER_LINES - 1; i++) {
            request.header("X-Filler-" + i, "v");
        }
        assertThat(policy(Map.of()).decide(request).allowed()).isTrue();

        GatewayDecision d = policy(Map.of()).decide(request.header("X-Filler", "v"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.result().reason()).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void refusesAQueryWithAsManyArgumentsAsAGatewayHandsOverWhenTokensAreTakenFromTheQuery() {
        FakeRequest request = new FakeRequest().query("jwt", GOOD);
        for (int i = 1; i < ReadCaps.QUERY_ARGUMENTS; i++) {
            request.query("a" + i, "v");
        }
        GatewayDecision d = policy(Map.of("token_query_params", List.of("jwt"))).decide(request);
        assertThat(d.result().reason()).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void aLongQueryDoesNotMatterWhenNoTokenIsTakenFromIt() {
        FakeRequest request = new FakeRequest().header("Authorization", "Bearer " + GOOD);
        for (int i = 0; i < ReadCaps.QUERY_ARGUMENTS; i++) {
            request.query("a" + i, "v");
        }
        assertThat(policy(Map.of()).decide(request).allowed()).isTrue();
    }

    @Test
    void forwardsIntegerClaimsExactlyWhateverTheirSize() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("long", "X-Long", "big", "X-Big", "exponent", "X-Exp")))
                .decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(set(d)).containsEntry("X-Long", "9007199254740993").containsEntry("X-Big", "12345678901234567890")
                .containsEntry("X-Exp", "100");
    }

    @Test
    void neverForwardsANumberItCannotWriteExactlySoUpstreamsNeverSeeAnotherValue() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("huge", "X-Huge", "half", "X-Half", "mixed", "X-Mixed")))
                .decide(new FakeRequest().header("Authorization", "Bearer " + GOOD).header("X-Huge", "spoofed"));
        assertThat(d.allowed()).isTrue();
        assertThat(set(d)).isEmpty();
        assertThat(removed(d)).containsExactlyInAnyOrder("x-huge", "x-half", "x-mixed");
    }

    private static FakeRequest preflight() {
        return new FakeRequest().method("OPTIONS").header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST");
    }

    private static List<String> removed(GatewayDecision d) {
        return d.headerChanges().stream().filter(HeaderChange::isRemoval).map(HeaderChange::name).toList();
    }

    private static Map<String, String> set(GatewayDecision d) {
        Map<String, String> set = new java.util.LinkedHashMap<>();
        d.headerChanges().stream().filter(c -> !c.isRemoval()).forEach(c -> set.put(c.name(), c.value()));
        return set;
    }
}
