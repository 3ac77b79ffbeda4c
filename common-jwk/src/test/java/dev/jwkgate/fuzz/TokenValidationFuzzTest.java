package dev.jwkgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwkgate.JwkGate;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.token.TokenValidator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * Fuzz targets for token parsing and validation. In a normal test run they replay the committed seed
 * corpus (src/test/resources/dev/jwkgate/fuzz/TokenValidationFuzzTestInputs); with {@code JAZZER_FUZZ=1}
 * they fuzz (see docs/SECURITY.md for the command).
 */
class TokenValidationFuzzTest {

    /** 2026-11-29T00:00:00Z: fixed, so replays are exact. */
    static final Instant NOW = Instant.ofEpochSecond(1_764_374_400L);

    private static final TokenValidator VALIDATOR = JwkGate.builder(JwkGateConfig.fromMap(Map.of(
                    "issuer", FuzzKeys.ISSUER, "jwks", FuzzKeys.JWKS, "audiences", List.of("api"))))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).auditListener(AuditListener.NONE).build();

    /** Any text: refused with a reason, never an internal error, never accepted unless really signed by us. */
    @FuzzTest
    void anyTextIsRefusedWithAReasonOrGenuinelySigned(FuzzedDataProvider data) {
        String token = data.consumeRemainingAsString();
        ValidationResult result = VALIDATOR.validate(token);
        assertThat(result).isNotNull();
        if (result.isValid()) {
            assertThat(FuzzKeys.signatureVerifies(token)).as("accepted a token our key did not sign").isTrue();
        } else {
            assertThat(result.reason()).isNotEqualTo(ReasonCode.INTERNAL_ERROR);
            assertThat(result.message()).doesNotContain(token.length() > 40 ? token : "\u0000never");
        }
    }

    /**
     * Header and payload bytes chosen by the fuzzer, really signed: whatever the JSON, the verdict is a
     * reason code, and an accepted token satisfies the policy (allowed alg, our issuer, audience, not expired,
     * no registered claim set to null).
     */
    @FuzzTest
    void signedTokensWithFuzzedJsonObeyThePolicy(FuzzedDataProvider data) throws Exception {
        String header = data.consumeString(600);
        String payload = data.consumeRemainingAsString();
        ValidationResult result = VALIDATOR.validate(FuzzKeys.signRs256(header, payload));
        if (!result.isValid()) {
            assertThat(result.reason()).isNotEqualTo(ReasonCode.INTERNAL_ERROR);
            return;
        }
        Map<String, Object> h = JsonUtil.parseJson(header);
        assertThat(h.get("alg")).isEqualTo("RS256");
        assertThat(h).doesNotContainKeys("jku", "x5u", "jwk", "x5c", "b64", "crit");
        Map<String, Object> claims = result.token().claims();
        assertThat(claims.get("iss")).isEqualTo(FuzzKeys.ISSUER);
        Object aud = claims.get("aud");
        assertThat(aud instanceof List ? (List<?>) aud : List.of(aud)).contains("api");
        assertThat(((Number) claims.get("exp")).doubleValue()).isGreaterThan(NOW.getEpochSecond() - 60);
        Map<String, Object> sent = JsonUtil.parseJson(payload);
        assertThat(List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti"))
                .as("no registered claim set to null").noneMatch(name -> sent.containsKey(name) && sent.get(name) == null);
    }
}
