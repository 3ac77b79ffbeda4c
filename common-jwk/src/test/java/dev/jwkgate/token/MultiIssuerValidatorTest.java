package dev.jwkgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.JwkGate;
import dev.jwkgate.audit.CorrelatedRequest;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.metrics.support.RecordingMetrics;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.token.support.InMemoryKeySource;
import dev.jwkgate.token.support.Jws;
import dev.jwkgate.token.support.RecordingAudit;
import dev.jwkgate.token.support.SigningKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several issuers on one route (a Keycloak realm per tenant): {@code iss} only chooses among the trusted issuers,
 * and the token must verify with a key of the issuer it names.
 */
class MultiIssuerValidatorTest {

    private static final String TENANT_A = "https://sso.example/realms/tenant-a";
    private static final String TENANT_B = "https://sso.example/realms/tenant-b";
    private static final String TENANT_C = "https://sso.example/realms/tenant-c";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static final SigningKey KEY_A = SigningKey.rsa("a-1");
    private static final SigningKey KEY_B = SigningKey.rsa("b-1", 2048, "rsa-2048-tenant-b");

    private final TestClock clock = new TestClock(NOW);
    private final RecordingAudit audit = new RecordingAudit();
    private final InMemoryKeySource sourceA = new InMemoryKeySource(TENANT_A, KEY_A.trusted());
    private final InMemoryKeySource sourceB = new InMemoryKeySource(TENANT_B, KEY_B.trusted());

    private JwkGateConfig config() {
        Map<String, String> additional = new LinkedHashMap<>();
        additional.put(TENANT_B, TENANT_B + "/protocol/openid-connect/certs");
        return JwkGateConfig.builder().issuer(TENANT_A).jwksUri(TENANT_A + "/protocol/openid-connect/certs")
                .set(Setting.ADDITIONAL_ISSUERS, additional).build();
    }

    private TokenValidator validator() {
        return JwkGate.builder(config()).clock(clock).auditListener(audit).keySource(sourceA).keySource(sourceB)
                .build();
    }

    private static Jws token(String issuer, String alg, String kid) {
        return Jws.header(alg, kid).claim("iss", issuer).claim("sub", "alice")
                .claim("iat", NOW.getEpochSecond()).claim("exp", NOW.getEpochSecond() + 300)
                .claim("realm_access", Map.of("roles", List.of("llm-user")));
    }

    @Test
    void acceptsEachTrustedIssuerWithItsOwnKey() {
        TokenValidator validator = validator();
        assertThat(validator.validate(token(TENANT_A, "RS256", "a-1").signedWith(KEY_A)).isValid()).isTrue();
        ValidationResult b = validator.validate(token(TENANT_B, "RS256", "b-1").signedWith(KEY_B));
        assertThat(b.isValid()).as("%s", b).isTrue();
        assertThat(b.token().claims()).containsEntry("iss", TENANT_B);
    }

    @Test
    void refusesAKeyOfIssuerAForATokenClaimingIssuerB() {
        ValidationResult result = validator().validate(token(TENANT_B, "RS256", "a-1").signedWith(KEY_A));
        assertThat(result.isValid()).isFalse();
        assertThat(result.reason()).as(result.message()).isEqualTo(ReasonCode.UNKNOWN_KEY);
    }

    @Test
    void refusesAKeyOfIssuerAForATokenClaimingIssuerBEvenWhenTheKidsCollide() {
        SigningKey keyOfAWithTheKidOfB = KEY_A.withKid("b-1");
        sourceA.setKeys(KEY_A.trusted(), keyOfAWithTheKidOfB.trusted());
        ValidationResult result = validator().validate(token(TENANT_B, "RS256", "b-1").signedWith(keyOfAWithTheKidOfB));
        assertThat(result.isValid()).isFalse();
        assertThat(result.reason()).as(result.message()).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void refusesAnIssuerNoneOfTheRoutesTrustAsUnknownIssuer() {
        ValidationResult result = validator().validate(token(TENANT_C, "RS256", "a-1").signedWith(KEY_A));
        assertThat(result.reason()).isEqualTo(ReasonCode.UNKNOWN_ISSUER);
        assertThat(result.message()).contains("'" + TENANT_C + "'").contains(TENANT_A + ", " + TENANT_B);
        assertThat(sourceA.currentCalls.get() + sourceB.currentCalls.get()).as("no key looked up").isZero();
    }

    @Test
    void reportsAnUnknownIssuerToTheAudit() {
        validator().validate(token(TENANT_C, "RS256", "a-1").signedWith(KEY_A));
        assertThat(audit.events).anySatisfy(e -> assertThat(e.attributes()).containsEntry("reason", "unknown_issuer"));
    }

    @Test
    void countsAnUnknownIssuerUnderTheConfiguredIssuerNeverTheTokens() {
        RecordingMetrics metrics = new RecordingMetrics();
        TokenValidator validator = JwkGate.builder(config()).clock(clock).auditListener(audit).metrics(metrics)
                .keySource(sourceA).keySource(sourceB).build();

        validator.validate(token(TENANT_C, "RS256", "a-1").signedWith(KEY_A));

        assertThat(metrics.count("refused_untimed:unknown_issuer")).isEqualTo(1);
        assertThat(metrics.verdicts()).isEqualTo(1);
        assertThat(metrics.issuers).doesNotContain(TENANT_C).contains(TENANT_A, TENANT_B);
    }

    @Test
    void countsATokenOfAnAdditionalIssuerOnceWithThatIssuersValidator() {
        RecordingMetrics metrics = new RecordingMetrics();
        TokenValidator validator = JwkGate.builder(config()).clock(clock).auditListener(audit).metrics(metrics)
                .keySource(sourceA).keySource(sourceB).build();

        validator.validate(token(TENANT_B, "RS256", "b-1").signedWith(KEY_B));

        assertThat(metrics.count("accepted")).isEqualTo(1);
        assertThat(metrics.verdicts()).isEqualTo(1);
    }

    @Test
    void namesTheGatewayRequestInTheRefusalOfAnUnknownIssuer() {
        CorrelatedRequest request = () -> "req-7";

        validator().validate(token(TENANT_C, "RS256", "a-1").signedWith(KEY_A), request);

        assertThat(audit.events).singleElement().satisfies(e -> assertThat(e.request()).isSameAs(request));
    }

    @Test
    void namesTheGatewayRequestInTheRefusalOfTheChosenIssuersValidator() {
        CorrelatedRequest request = () -> "req-8";

        validator().validate(token(TENANT_B, "RS256", "a-1").signedWith(KEY_A), request);

        assertThat(audit.events).filteredOn(e -> "unknown_key".equals(e.attributes().get("reason")))
                .singleElement().satisfies(e -> assertThat(e.request()).isSameAs(request));
    }

    @Test
    void refusesATokenWithoutIssuerBeforeChoosingAKeySet() {
        ValidationResult result = validator().validate(token(TENANT_A, "RS256", "a-1").noClaim("iss").signedWith(KEY_A));
        assertThat(result.reason()).isEqualTo(ReasonCode.MISSING_CLAIM);
        assertThat(sourceA.currentCalls.get()).isZero();
    }

    @Test
    void refusesAnIssuerThatIsNotAString() {
        assertThat(validator().validate(token(TENANT_A, "RS256", "a-1").claim("iss", List.of(TENANT_A))
                .signedWith(KEY_A)).reason()).isEqualTo(ReasonCode.INVALID_CLAIM);
        assertThat(validator().validate(token(TENANT_A, "RS256", "a-1").claim("iss", null)
                .signedWith(KEY_A)).reason()).isEqualTo(ReasonCode.INVALID_CLAIM);
    }

    @Test
    void refusesAMalformedTokenAsASingleIssuerRouteDoes() {
        assertThat(validator().validate("not.a-token").reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(validator().validate(null).reason()).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void comparesIssuersByteForByte() {
        ValidationResult result = validator().validate(token(TENANT_B + "/", "RS256", "b-1").signedWith(KEY_B));
        assertThat(result.reason()).isEqualTo(ReasonCode.UNKNOWN_ISSUER);
    }

    @Test
    void appliesTheRoutesClaimRulesToEveryIssuer() {
        Map<String, String> additional = Map.of(TENANT_B, TENANT_B + "/certs");
        JwkGateConfig config = JwkGateConfig.builder().issuer(TENANT_A).jwksUri(TENANT_A + "/certs")
                .set(Setting.ADDITIONAL_ISSUERS, additional)
                .set(Setting.CLAIMS_ANY_OF, Map.of("realm_access.roles", List.of("admin"))).build();
        TokenValidator validator = JwkGate.builder(config).clock(clock).auditListener(audit).keySource(sourceA)
                .keySource(sourceB).build();
        assertThat(validator.validate(token(TENANT_B, "RS256", "b-1").signedWith(KEY_B)).reason())
                .isEqualTo(ReasonCode.INSUFFICIENT_SCOPE);
    }

    @Test
    void refusesAGivenKeySourceOfAnUntrustedIssuer() {
        assertThatThrownBy(() -> JwkGate.builder(config()).clock(clock).auditListener(audit).keySource(sourceA)
                .keySource(new InMemoryKeySource(TENANT_C)).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining(TENANT_C);
    }
}
