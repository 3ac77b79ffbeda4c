package dev.jwkgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
            return ValidationResult.accepted(new VerifiedToken(
                    Map.of("sub", "alice", "roles", List.of("a", "b"), "tenant", Map.of("id", 7L),
                            "evil", "x\r\nX-Admin: true"),
                    "k1", "RS256", "thumb", Instant.EPOCH));
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
        assertThat(d.headersToRemove()).contains("x-user-id", "x-roles", "x-missing");
        assertThat(d.headersToSet()).containsEntry("X-User-Id", "alice").containsEntry("X-Roles", "a,b")
                .doesNotContainKey("X-Missing");
    }

    @Test
    void removesTheClientsCopyOfTheOnlyForwardedHeaderWhenTheTokenLacksItsClaim() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("missing", "X-Missing"))).decide(new FakeRequest()
                .header("Authorization", "Bearer " + GOOD).header("X-Missing", "spoofed"));
        assertThat(d.headersToRemove()).containsExactly("x-missing");
        assertThat(d.headersToSet()).isEmpty();
    }

    @Test
    void forwardsClaimsAndStripsTheTokenInTheSameDecision() {
        GatewayDecision d = policy(Map.of("strip_token", true, "forward_claims", Map.of("sub", "X-User-Id")))
                .decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(d.headersToRemove()).containsExactlyInAnyOrder("x-user-id", "authorization");
        assertThat(d.headersToSet()).containsExactly(Map.entry("X-User-Id", "alice"));
    }

    @Test
    void forwardsObjectClaimsAsJson() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("tenant", "X-Tenant")))
                .decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(d.headersToSet()).containsEntry("X-Tenant", "{\"id\":7}");
    }

    @Test
    void forwardedClaimsCannotInjectHeaders() {
        GatewayDecision d = policy(Map.of("forward_claims", Map.of("evil", "X-Evil")))
                .decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(d.headersToSet().get("X-Evil")).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void keepsTokenUpstreamByDefault() {
        GatewayDecision d = policy(Map.of()).decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(d.headersToRemove()).doesNotContain("authorization");
    }

    @Test
    void stripsTokenHeaderWhenConfigured() {
        GatewayDecision d = policy(Map.of("strip_token", true))
                .decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(d.headersToRemove()).contains("authorization");
    }

    @Test
    void stripsTokenQueryParameterWhenConfigured() {
        GatewayDecision d = policy(Map.of("strip_token", true, "token_query_params", List.of("jwt")))
                .decide(new FakeRequest().query("jwt", GOOD));
        assertThat(d.queryParamsToRemove()).containsExactly("jwt");
    }

    @Test
    void stripsOnlyTheTokenCookieWhenConfigured() {
        GatewayDecision d = policy(Map.of("strip_token", true, "token_cookies", List.of("session")))
                .decide(new FakeRequest().header("Cookie", "a=1; session=" + GOOD + "; b=2"));
        assertThat(d.headersToRemove()).contains("cookie");
        assertThat(d.headersToSet()).containsEntry("Cookie", "a=1; b=2");
    }

    @Test
    void internalFailureFailsClosedWith500() {
        validator.failure = new IllegalStateException("boom");
        GatewayDecision d = policy(Map.of()).decide(new FakeRequest().header("Authorization", "Bearer " + GOOD));
        assertThat(d.allowed()).isFalse();
        assertThat(d.rejection().status()).isEqualTo(500);
        assertThat(d.rejection().body()).doesNotContain("boom");
    }
}
