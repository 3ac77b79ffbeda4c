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
import dev.jwkgate.token.support.Gate;
import dev.jwkgate.token.support.SigningKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The consumer part of a gateway decision: Kong's consumer, credential, groups and anonymous conventions. */
class ConsumerDecisionTest {

    private static final String UUID = "0b4ad5c2-4f0e-4d7a-9b1c-6a7e8f9d0c1b";

    /** Accepts a token named after its claim set; {@code keys-down} is a key-source outage, anything else refused. */
    private static final TokenValidator VALIDATOR = new TokenValidator() {
        @Override
        public ValidationResult validate(String token) {
            Map<String, Object> claims = switch (token) {
                case "alice" -> Map.of("sub", "alice", "preferred_username", "alice-user",
                        "realm_access", Map.of("roles", List.of("llm-user", "offline", "llm-user", 7L)),
                        "groups", "solo");
                case "uuid" -> Map.of("sub", UUID);
                case "number" -> Map.of("sub", 42L);
                case "array" -> Map.of("sub", List.of("a"));
                case "keys-down" -> null;
                default -> Map.of();
            };
            if (token.equals("keys-down")) {
                return ValidationResult.refused(ReasonCode.KEYS_UNAVAILABLE, "source unavailable");
            }
            if (claims.isEmpty()) {
                return ValidationResult.refused(ReasonCode.BAD_SIGNATURE, "signature does not verify");
            }
            return ValidationResult.accepted(new VerifiedToken(claims, "k1", "RS256", "thumb", Instant.EPOCH));
        }

        @Override
        public KeySetSource keySource() {
            throw new UnsupportedOperationException();
        }
    };

    private static GatewayDecision decide(Map<String, Object> settings, FakeRequest request) {
        return policy(settings).decide(request);
    }

    private static GatewayPolicy policy(Map<String, Object> settings) {
        Map<String, Object> m = new HashMap<>(Map.of("issuer", "https://idp.example", "jwks_uri", "https://idp.example/certs",
                "forward_claims", Map.of("sub", "X-User-Id")));
        m.putAll(settings);
        return GatewayPolicy.create(JwkGateConfig.fromMap(m, ConfigProfile.GATEWAY), VALIDATOR);
    }

    private static FakeRequest bearer(String token) {
        return new FakeRequest().header("Authorization", "Bearer " + token);
    }

    @Test
    void byDefaultTheSubjectIsTheCredentialAndNoConsumerIsLookedUp() {
        GatewayDecision d = decide(Map.of(), bearer("alice"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.consumer().consumer()).isNull();
        assertThat(d.consumer().credentialId()).isEqualTo("alice");
        assertThat(d.consumer().groups()).isNull();
        assertThat(d.consumer().anonymous()).isFalse();
    }

    @Test
    void anEmptyCredentialClaimAndNoOtherMappingTellsThePlatformNothing() {
        assertThat(decide(Map.of("credential_claim", List.of()), bearer("alice")).consumer()).isNull();
    }

    @Test
    void consumerClaimIsLookedUpByUsernameByDefault() {
        GatewayDecision d = decide(Map.of("consumer_claim", List.of("preferred_username")), bearer("alice"));
        assertThat(d.consumer().consumer()).isEqualTo(new ConsumerLookup("alice-user", List.of(ConsumerField.USERNAME)));
        assertThat(d.consumer().ifConsumerMissing().rejection().status()).isEqualTo(401);
        assertThat(d.consumer().ifConsumerMissing().rejection().body()).contains("unknown_consumer");
    }

    @Test
    void lookupByIdIsAskedOnlyForAValueShapedAsAUuid() {
        Map<String, Object> settings = Map.of("consumer_claim", List.of("sub"), "consumer_lookup", List.of("id", "username"));
        assertThat(decide(settings, bearer("uuid")).consumer().consumer().fields())
                .containsExactly(ConsumerField.ID, ConsumerField.USERNAME);
        assertThat(decide(settings, bearer("alice")).consumer().consumer().fields())
                .containsExactly(ConsumerField.USERNAME);
    }

    @Test
    void refusesATokenWhoseConsumerClaimIsAbsentAsAnUnknownConsumer() {
        GatewayDecision d = decide(Map.of("consumer_claim", List.of("client_id")), bearer("alice"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.result().reason()).isEqualTo(ReasonCode.UNKNOWN_CONSUMER);
        assertThat(d.rejection().status()).isEqualTo(401);
    }

    @Test
    void countsATokenWhoseConsumerClaimIsAbsentAsRefusedUnknownConsumer() {
        RecordingMetrics metrics = new RecordingMetrics();
        ProcessMetrics.use(metrics);
        try {
            decide(Map.of("consumer_claim", List.of("client_id")), bearer("alice"));
        } finally {
            ProcessMetrics.use(MetricsRecorder.NONE);
        }

        assertThat(metrics.count("consumer_not_found")).isEqualTo(1);
        assertThat(metrics.count("refused_untimed:unknown_consumer")).as("the validator's verdict is the one counted").isZero();
    }

    @Test
    void countsAnUnknownConsumerOnlyWhenTheAdapterCarriesOutTheRefusal() {
        RecordingMetrics metrics = new RecordingMetrics();
        ProcessMetrics.use(metrics);
        GatewayDecision d;
        try {
            d = decide(Map.of("consumer_claim", List.of("preferred_username")), bearer("alice"));
        } finally {
            ProcessMetrics.use(MetricsRecorder.NONE);
        }
        assertThat(metrics.count("consumer_not_found")).as("prepared, not carried out").isZero();

        GatewayDecision carriedOut = d.consumer().consumerMissing();

        assertThat(carriedOut).isSameAs(d.consumer().ifConsumerMissing());
        assertThat(metrics.count("consumer_not_found")).isEqualTo(1);
    }

    @Test
    void countsTheRefusalBehindAnAnonymousPassUnderItsReason() {
        RecordingMetrics metrics = new RecordingMetrics();
        ProcessMetrics.use(metrics);
        GatewayDecision d;
        try {
            d = decide(Map.of("anonymous", "guest"), new FakeRequest());
        } finally {
            ProcessMetrics.use(MetricsRecorder.NONE);
        }

        assertThat(d.consumer().anonymous()).isTrue();
        assertThat(metrics.count("refused_untimed:missing_token")).isEqualTo(1);
    }

    @Test
    void refusesATokenWhoseConsumerIsNoFieldCanHold() {
        GatewayDecision d = decide(Map.of("consumer_claim", List.of("sub"), "consumer_lookup", List.of("id")),
                bearer("alice"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.result().reason()).isEqualTo(ReasonCode.UNKNOWN_CONSUMER);
    }

    @Test
    void consumerOptionalPassesWithoutAConsumerButWithTheCredential() {
        GatewayDecision d = decide(Map.of("consumer_claim", List.of("client_id"), "consumer_optional", true),
                bearer("alice"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.consumer().consumer()).isNull();
        assertThat(d.consumer().credentialId()).isEqualTo("alice");
        assertThat(d.consumer().ifConsumerMissing()).isNull();
    }

    @Test
    void anIntegerClaimNamesItsConsumerAsWrittenAndAnArrayNamesNone() {
        Map<String, Object> settings = Map.of("consumer_claim", List.of("sub"));
        assertThat(decide(settings, bearer("number")).consumer().consumer().value()).isEqualTo("42");
        assertThat(decide(settings, bearer("array")).allowed()).isFalse();
    }

    @Test
    void groupsComeFromANestedClaimPathWithoutDuplicatesOrNonStrings() {
        GatewayDecision d = decide(Map.of("authenticated_groups_claim", List.of("realm_access", "roles")), bearer("alice"));
        assertThat(d.consumer().groups()).containsExactly("llm-user", "offline");
    }

    @Test
    void aSingleStringClaimIsOneGroup() {
        assertThat(decide(Map.of("authenticated_groups_claim", List.of("groups")), bearer("alice")).consumer().groups())
                .containsExactly("solo");
    }

    @Test
    void aConfiguredGroupsClaimTheTokenLacksGivesNoGroupsRatherThanNone() {
        assertThat(decide(Map.of("authenticated_groups_claim", List.of("teams")), bearer("alice")).consumer().groups())
                .isEmpty();
    }

    @Test
    void aPathThroughANonObjectFindsNothing() {
        assertThat(decide(Map.of("authenticated_groups_claim", List.of("sub", "roles")), bearer("alice")).consumer().groups())
                .isEmpty();
    }

    @Test
    void withAnonymousARefusedTokenProceedsAsTheAnonymousConsumerWithoutCredential() {
        GatewayDecision d = decide(Map.of("anonymous", "guest"), bearer("forged").header("X-User-Id", "spoofed"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.result().reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
        assertThat(d.consumer().anonymous()).isTrue();
        assertThat(d.consumer().consumer()).isEqualTo(new ConsumerLookup("guest", List.of(ConsumerField.USERNAME)));
        assertThat(d.consumer().credentialId()).isNull();
        assertThat(d.consumer().ifConsumerMissing().rejection().status()).isEqualTo(500);
        assertThat(d.consumer().ifConsumerMissing().result().message()).contains("anonymous consumer 'guest' does not exist");
        assertThat(d.headerChanges()).containsExactly(HeaderChange.remove("x-user-id"));
    }

    @Test
    void withAnonymousATokenOfAnUnknownConsumerProceedsAsTheAnonymousConsumerWithoutItsClaims() {
        GatewayDecision d = decide(Map.of("consumer_claim", List.of("sub"), "anonymous", "guest"), bearer("alice"));
        GatewayDecision instead = d.consumer().ifConsumerMissing();
        assertThat(instead.allowed()).isTrue();
        assertThat(instead.result().reason()).isEqualTo(ReasonCode.UNKNOWN_CONSUMER);
        assertThat(instead.consumer().anonymous()).isTrue();
        assertThat(instead.headerChanges()).containsExactly(HeaderChange.remove("x-user-id"));
        GatewayDecision claimAbsent = decide(Map.of("consumer_claim", List.of("client_id"), "anonymous", "guest"),
                bearer("alice"));
        assertThat(claimAbsent.consumer().anonymous()).isTrue();
    }

    @Test
    void withAnonymousAMissingTokenProceedsAsTheAnonymousConsumer() {
        GatewayDecision d = decide(Map.of("anonymous", UUID), new FakeRequest());
        assertThat(d.allowed()).isTrue();
        assertThat(d.consumer().consumer().fields()).containsExactly(ConsumerField.ID, ConsumerField.USERNAME);
    }

    @Test
    void withAnonymousAKeySourceOutageIsStillRefused() {
        GatewayDecision d = decide(Map.of("anonymous", "guest"), bearer("keys-down"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.rejection().status()).isEqualTo(503);
    }

    @Test
    void withAnonymousARequestAnEarlierPluginAuthenticatedIsNotCheckedAgain() {
        GatewayDecision d = decide(Map.of("anonymous", "guest"),
                new FakeRequest().authenticatedByEarlierPlugin().header("X-User-Id", "spoofed"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.result()).isNull();
        assertThat(d.consumer()).isNull();
        assertThat(d.headerChanges()).containsExactly(HeaderChange.remove("x-user-id"));
    }

    @Test
    void withoutAnonymousAnEarlierAuthenticationChangesNothing() {
        GatewayDecision d = decide(Map.of(), new FakeRequest().authenticatedByEarlierPlugin());
        assertThat(d.allowed()).isFalse();
        assertThat(d.result()).isNull();
    }

    @Test
    void consumerLookupRefusesCustomIdNamingWhyAndUnknownFields() {
        assertThatThrownBy(() -> policy(Map.of("consumer_lookup", List.of("custom_id", "email"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("consumer_lookup: custom_id cannot be searched")
                .hasMessageContaining("unknown consumer field 'email'");
    }

    @Test
    void refusesAnEmptyClaimNameInAConsumerClaimPath() {
        assertThatThrownBy(() -> policy(Map.of("authenticated_groups_claim", List.of("realm_access", ""))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("authenticated_groups_claim: expected a list of non-empty strings");
    }

    @Test
    void refusesAnEmptyAnonymous() {
        assertThatThrownBy(() -> policy(Map.of("anonymous", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("anonymous: empty");
    }

    @Test
    void consumerCacheSettingsHaveBounds() {
        assertThatThrownBy(() -> policy(Map.of("consumer_cache_ttl_seconds", 0, "consumer_cache_max_entries", 0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("consumer_cache_ttl_seconds: 0 is outside [1, 3600]")
                .hasMessageContaining("consumer_cache_max_entries: 0 is outside");
    }

    @Test
    void consumerFieldMatchesOnlyTheFieldItNames() {
        assertThat(ConsumerField.USERNAME.matches(UUID, UUID, "bob")).isFalse();
        assertThat(ConsumerField.USERNAME.matches("bob", UUID, "bob")).isTrue();
        assertThat(ConsumerField.ID.matches(UUID, UUID, "bob")).isTrue();
    }

    @Test
    void consumerHeadersFollowKongsAuthPluginsAndMarkARequestWithoutCredentialAnonymous() {
        assertThat(ConsumerHeaders.of(UUID, null, "bob", "sub-1")).containsExactly(
                HeaderChange.set("X-Consumer-ID", UUID), HeaderChange.remove("X-Consumer-Custom-ID"),
                HeaderChange.set("X-Consumer-Username", "bob"), HeaderChange.set("X-Credential-Identifier", "sub-1"),
                HeaderChange.remove("X-Anonymous-Consumer"));
        assertThat(ConsumerHeaders.of(UUID, "", "guest", null)).contains(HeaderChange.set("X-Anonymous-Consumer", "true"),
                HeaderChange.remove("X-Credential-Identifier"));
        assertThat(ConsumerHeaders.of(null, null, null, null)).containsExactly(
                HeaderChange.remove("X-Consumer-ID"), HeaderChange.remove("X-Consumer-Custom-ID"),
                HeaderChange.remove("X-Consumer-Username"), HeaderChange.remove("X-Credential-Identifier"),
                HeaderChange.remove("X-Anonymous-Consumer"));
    }

    @Test
    void everyRequestCountsExactlyOneVerdictAlsoWhenItsConsumerIsNotFound() {
        SigningKey key = SigningKey.rsa("k1");
        Gate gate = Gate.withKeys(key);
        String token = gate.token(key, "RS256").signedWith(key); // sub "alice"
        ProcessMetrics.use(gate.metrics);
        try {
            GatewayPolicy bySub = GatewayPolicy.create(gatewayConfig(List.of("sub")), gate.validator());
            GatewayPolicy byClientId = GatewayPolicy.create(gatewayConfig(List.of("client_id")), gate.validator());
            bySub.decide(bearer(token)); // the adapter finds consumer alice
            bySub.decide(bearer(token)).consumer().consumerMissing(); // the adapter finds no consumer alice
            assertThat(byClientId.decide(bearer(token)).result().reason()).isEqualTo(ReasonCode.UNKNOWN_CONSUMER); // no claim
            bySub.decide(new FakeRequest()); // no token
            bySub.decide(bearer("not-a-token"));
        } finally {
            ProcessMetrics.use(MetricsRecorder.NONE);
        }

        assertThat(gate.metrics.verdicts()).as("five requests, five verdicts").isEqualTo(5);
        assertThat(gate.metrics.count("accepted")).isEqualTo(3);
        assertThat(gate.metrics.count("consumer_not_found")).isEqualTo(2);
    }

    @Test
    void theUnknownConsumerDecisionIsMadeOnlyWhenAConsumerIsMissingAndThenOnce() {
        ConsumerPolicy consumers = new ConsumerPolicy(gatewayConfig(List.of("sub")));
        GatewayDecision refusal = GatewayDecision.refused(ValidationResult.refused(ReasonCode.UNKNOWN_CONSUMER, "none"),
                dev.jwkgate.result.HttpRejection.of(ReasonCode.UNKNOWN_CONSUMER, null));
        int[] made = {0};
        ConsumerMapping mapping = consumers.map(new VerifiedToken(Map.of("sub", "alice"), "k1", "RS256", "thumb", Instant.EPOCH),
                () -> {
                    made[0]++;
                    return refusal;
                }, () -> { });
        assertThat(made[0]).as("an allowed request whose consumer is found never needs it").isZero();

        assertThat(mapping.consumerMissing()).isSameAs(refusal);
        assertThat(mapping.ifConsumerMissing()).isSameAs(refusal);
        assertThat(made[0]).isEqualTo(1);
    }

    private static JwkGateConfig gatewayConfig(List<String> consumerClaim) {
        return JwkGateConfig.fromMap(Map.of("issuer", Gate.ISSUER, "jwks_uri", Gate.ISSUER + "/jwks",
                "consumer_claim", consumerClaim), ConfigProfile.GATEWAY);
    }
}
