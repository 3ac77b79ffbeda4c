package dev.jwkgate.token;

import dev.jwkgate.token.support.Gate;
import dev.jwkgate.token.support.InMemoryKeySource;
import dev.jwkgate.token.support.SigningKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.JwkGate;
import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.audit.TokenFingerprint;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.result.VerifiedToken;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.source.SourceHealth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step 6: every refusal has a precise log message and one TOKEN_REFUSED event, and neither holds a secret. */
class RefusalReportingTest {

    private final SigningKey key = SigningKey.rsa("k1");
    private final Gate gate = Gate.withKeys(key);

    @Test
    void reportsEachRefusalAsOneTokenRefusedEvent() {
        String token = gate.token(key, "RS256").claim("iss", "https://other.example").signedWith(key);
        ValidationResult result = gate.validate(token);
        assertThat(gate.audit.events).hasSize(1);
        AuditEvent event = gate.audit.last();
        assertThat(event.type()).isEqualTo(AuditEventType.TOKEN_REFUSED);
        assertThat(event.at()).isEqualTo(Gate.NOW);
        assertThat(event.source()).isEqualTo(Gate.ISSUER);
        assertThat(event.attributes()).containsOnlyKeys("reason", "message", "token")
                .containsEntry("reason", "wrong_issuer")
                .containsEntry("message", result.message())
                .containsEntry("token", TokenFingerprint.of(token));
    }

    @Test
    void namesARefusedTokenByTheSameFingerprintWhenTheCacheIsOn() {
        Gate cached = Gate.withKeys(key).set(Setting.TOKEN_CACHE_ENABLED, true);
        String token = cached.token(key, "RS256").claim("iss", "https://other.example").signedWith(key);
        cached.validate(token);
        assertThat(cached.audit.last().attribute("token")).isEqualTo(TokenFingerprint.of(token));
    }

    @Test
    void namesAnOversizeTokenByABoundedPrefix() {
        String token = "A".repeat(40_000);
        gate.validate(token);
        assertThat(gate.audit.last().attribute("token"))
                .isEqualTo(TokenFingerprint.of(token.substring(0, 16_384)) + " (first 16384 of 40000 chars)");
    }

    @Test
    void reportsNothingForAnAcceptedToken() {
        gate.accepts(gate.token(key, "RS256").signedWith(key));
        assertThat(gate.audit.events).isEmpty();
    }

    @Test
    void reportsARefusedNullToken() {
        gate.refuses(null, ReasonCode.MALFORMED);
        assertThat(gate.audit.last().attribute("token")).isEqualTo("none");
    }

    @Test
    void neverPutsTheTokenItsPayloadOrItsSignatureIntoMessagesOrEvents() {
        String good = gate.token(key, "RS256").claim("secret-claim", "hunter2").signedWith(key);
        String[] parts = good.split("\\.");
        List<String> refused = List.of(
                parts[0] + "." + parts[1] + "." + parts[2].substring(2) + "AA",
                gate.token(key, "RS256").claim("iss", "x").claim("secret-claim", "hunter2").signedWith(key),
                gate.token(key, "RS256").claim("exp", 1).claim("secret-claim", "hunter2").signedWith(key),
                gate.token("RS256", "k9").claim("secret-claim", "hunter2").signedWith(key),
                good + "=");
        for (String token : refused) {
            ValidationResult result = gate.validate(token);
            String[] segments = token.split("\\.");
            String logged = result.message() + " " + gate.audit.last();
            assertThat(result.isValid()).isFalse();
            assertThat(logged).doesNotContain(segments[1]).doesNotContain(segments[2]).doesNotContain("hunter2");
        }
    }

    @Test
    void escapesControlCharactersOfAForgedKidSoItCannotForgeLogLines() {
        String message = gate.refuses(gate.token("RS256", "k9\n2026-06-01 INFO accepted admin").signedWith(key),
                ReasonCode.UNKNOWN_KEY);
        assertThat(message).doesNotContain("\n").contains("\\u000a");
    }

    @Test
    void escapesUnicodeLineBreaksAndBidiControlsOfAForgedKid() {
        String message = gate.refuses(gate.token("RS256", "k9\u2028INFO accepted\u0085admin\u202egnp.exe").signedWith(key),
                ReasonCode.UNKNOWN_KEY);
        assertThat(message).contains("'k9\\u2028INFO accepted\\u0085admin\\u202egnp.exe'")
                .doesNotContain("\u2028").doesNotContain("\u0085").doesNotContain("\u202e");
    }

    @Test
    void cutsLongAttackerChosenValues() {
        String message = gate.refuses(gate.token(key, "RS256").claim("iss", "i".repeat(5_000)).signedWith(key),
                ReasonCode.WRONG_ISSUER);
        assertThat(message).hasSizeLessThan(400).contains("(5000 chars)");
    }

    @Test
    void describesTheVerifiedToken() {
        ValidationResult result = gate.validate(gate.token(key, "PS384").claim("sub", "alice").signedWith(key));
        VerifiedToken token = result.token();
        assertThat(token.keyId()).isEqualTo("k1");
        assertThat(token.algorithm()).isEqualTo("PS384");
        assertThat(token.thumbprint()).isEqualTo(key.trusted().thumbprint());
        assertThat(token.expiresAt()).isEqualTo(Gate.NOW.plusSeconds(300));
        assertThat(token.subject()).contains("alice");
        assertThat(token.claims()).containsEntry("iss", Gate.ISSUER);
    }

    @Test
    void answersInternalErrorInsteadOfPassingWhenSomethingBreaks() {
        KeySetSource broken = new KeySetSource() {
            @Override
            public String issuer() {
                return Gate.ISSUER;
            }

            @Override
            public String location() {
                return "broken";
            }

            @Override
            public KeySet current() {
                throw new IllegalStateException("bug with token text eyJ in its message");
            }

            @Override
            public KeySet refreshForUnknownKid(String kid) {
                throw new IllegalStateException("bug");
            }

            @Override
            public SourceHealth health() {
                return SourceHealth.HEALTHY;
            }

            @Override
            public void close() {
            }
        };
        TokenValidator validator = JwsTokenValidator.create(gate.config.build(), broken, gate.clock, gate.audit);
        ValidationResult result = validator.validate(gate.token(key, "RS256").signedWith(key));
        assertThat(result.reason()).isEqualTo(ReasonCode.INTERNAL_ERROR);
        assertThat(result.message()).contains("IllegalStateException").doesNotContain("eyJ");
        assertThat(gate.audit.last().attribute("reason")).isEqualTo("internal_error");
    }

    @Test
    void keepsTheVerdictWhenTheAuditListenerThrows() {
        TokenValidator validator = JwsTokenValidator.create(gate.config.build(), gate.source, gate.clock, event -> {
            throw new IllegalStateException("listener down");
        });
        assertThat(validator.validate("garbage").reason()).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void refusesToBuildAValidatorOverAnotherIssuersKeys() {
        JwkGateConfig config = gate.config.build();
        assertThatThrownBy(() -> JwsTokenValidator.create(config, new InMemoryKeySource("https://elsewhere.example"),
                gate.clock, gate.audit)).isInstanceOf(ConfigException.class).hasMessageContaining("issuer");
    }

    @Test
    void isWhatTheJwkGateFacadeBuilds() {
        TokenValidator validator = JwkGate.builder(gate.config.set(Setting.AUDIENCES, List.of("api")).build())
                .keySource(gate.source).clock(gate.clock).auditListener(gate.audit).build();
        assertThat(validator.keySource()).isSameAs(gate.source);
        assertThat(validator.validate(gate.token(key, "RS256").claim("aud", "api").signedWith(key)).isValid()).isTrue();
        assertThat(validator.validate(gate.token(key, "RS256").claim("aud", "web").signedWith(key)).reason())
                .isEqualTo(ReasonCode.WRONG_AUDIENCE);
    }
}
