package dev.jwkgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwkGateConfigTest {

    private static Map<String, Object> minimal() {
        Map<String, Object> m = new HashMap<>();
        m.put("issuer", "https://idp.example/realms/a");
        m.put("jwks_uri", "https://idp.example/realms/a/protocol/openid-connect/certs");
        return m;
    }

    private static ConfigException refusal(Map<String, Object> settings) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> JwkGateConfig.fromMap(settings));
    }

    @Test
    void appliesDocumentedDefaults() {
        JwkGateConfig config = JwkGateConfig.fromMap(minimal());
        assertThat(config.integer(Setting.CLOCK_SKEW_SECONDS)).isEqualTo(60);
        assertThat(config.bool(Setting.REQUIRE_EXPIRATION)).isTrue();
        assertThat(config.integer(Setting.MAX_TOKEN_BYTES)).isEqualTo(16_384);
        assertThat(config.integer(Setting.MAX_JWKS_BYTES)).isEqualTo(65_536);
        assertThat(config.integer(Setting.MAX_JWKS_KEYS)).isEqualTo(100);
        assertThat(config.integer(Setting.HTTP_CONNECT_TIMEOUT_MS)).isEqualTo(2_000);
        assertThat(config.integer(Setting.HTTP_TIMEOUT_MS)).isEqualTo(5_000);
        assertThat(config.integer(Setting.UNKNOWN_KID_COOLDOWN_SECONDS)).isEqualTo(30);
        assertThat(config.integer(Setting.MAX_STALE_SECONDS)).isEqualTo(86_400);
        assertThat(config.integer(Setting.FIRST_LOAD_WAIT_MS)).isEqualTo(1_000);
        assertThat(config.stringList(Setting.ALGORITHMS)).doesNotContain("HS256").contains("RS256", "ES256", "EdDSA");
        assertThat(config.keySourceKind()).isEqualTo(JwkGateConfig.KeySourceKind.REMOTE);
    }

    @Test
    void libraryProfileLeavesTokenCacheOffAndGatewayProfileTurnsItOn() {
        assertThat(JwkGateConfig.fromMap(minimal()).bool(Setting.TOKEN_CACHE_ENABLED)).isFalse();
        assertThat(JwkGateConfig.fromMap(minimal(), ConfigProfile.GATEWAY).bool(Setting.TOKEN_CACHE_ENABLED)).isTrue();
    }

    @Test
    void gatewayProfileStillHonoursAnExplicitTokenCacheSetting() {
        Map<String, Object> m = minimal();
        m.put("token_cache_enabled", false);
        assertThat(JwkGateConfig.fromMap(m, ConfigProfile.GATEWAY).bool(Setting.TOKEN_CACHE_ENABLED)).isFalse();
    }

    @Test
    void refusesUnknownSettingByName() {
        Map<String, Object> m = minimal();
        m.put("audience", "api");
        assertThat(refusal(m).problems()).containsExactly("audience: unknown setting");
    }

    @Test
    void refusesAnAuditLogFormatOtherThanTextOrJson() {
        Map<String, Object> m = minimal();
        m.put("audit_log_format", "JSON");
        m.put("refusal_log_interval_seconds", 0);
        assertThat(refusal(m).problems()).containsExactlyInAnyOrder(
                "audit_log_format: 'JSON' is neither text nor json",
                "refusal_log_interval_seconds: 0 is outside [1, 86400]");
    }

    @Test
    void namesEveryBadSettingAtOnce() {
        Map<String, Object> m = minimal();
        m.put("clock_skew_seconds", "60");
        m.put("audiences", "api");
        m.put("bogus", 1);
        assertThat(refusal(m).problems()).hasSize(3)
                .anyMatch(p -> p.startsWith("clock_skew_seconds:"))
                .anyMatch(p -> p.startsWith("audiences:"))
                .anyMatch(p -> p.startsWith("bogus:"));
    }

    @Test
    void acceptsWholeNumbersSentAsDoubles() {
        Map<String, Object> m = minimal();
        m.put("clock_skew_seconds", 30.0);
        assertThat(JwkGateConfig.fromMap(m).integer(Setting.CLOCK_SKEW_SECONDS)).isEqualTo(30);
    }

    @Test
    void refusesFractionalNumbers() {
        Map<String, Object> m = minimal();
        m.put("clock_skew_seconds", 30.5);
        assertThat(refusal(m).problems()).singleElement().asString().startsWith("clock_skew_seconds:");
    }

    @Test
    void refusesClockSkewAboveFiveMinutes() {
        Map<String, Object> m = minimal();
        m.put("clock_skew_seconds", 301);
        assertThat(refusal(m).problems()).singleElement().asString().contains("clock_skew_seconds").contains("300");
    }

    @Test
    void requiresIssuer() {
        Map<String, Object> m = minimal();
        m.remove("issuer");
        assertThat(refusal(m).problems()).singleElement().asString().startsWith("issuer:");
    }

    @Test
    void requiresOneKeySource() {
        Map<String, Object> m = minimal();
        m.remove("jwks_uri");
        assertThat(refusal(m).problems()).singleElement().asString().contains("one key source is required");
    }

    @Test
    void refusesTwoKeySources() {
        Map<String, Object> m = minimal();
        m.put("discovery", true);
        assertThat(refusal(m).problems()).singleElement().asString().contains("only one key source");
    }

    @Test
    void anApisixStyleDiscoveryUrlIsRefusedNamingTheFix() {
        Map<String, Object> m = minimal();
        m.remove("jwks_uri");
        m.put("discovery", "https://idp.example/realms/a/.well-known/openid-configuration");
        assertThat(refusal(m).problems()).anySatisfy(p -> assertThat(p)
                .startsWith("discovery: expected true or false, got a string (APISIX's discovery URL is not taken")
                .contains("discovery: true"));
    }

    @Test
    void refusesAlgNoneInAnySpelling() {
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            Map<String, Object> m = minimal();
            m.put("algorithms", List.of("RS256", none));
            assertThat(refusal(m).problems()).singleElement().asString().contains("'none' is never allowed");
        }
    }

    @Test
    void refusesHmacAlgorithmWithoutConfiguredSecrets() {
        Map<String, Object> m = minimal();
        m.put("algorithms", List.of("HS256"));
        assertThat(refusal(m).problems()).singleElement().asString().contains("HS256 needs hmac_secrets");
    }

    @Test
    void refusesAsymmetricAlgorithmMixedWithHmacSecrets() {
        Map<String, Object> m = new HashMap<>();
        m.put("issuer", "https://idp.example");
        m.put("hmac_secrets", Map.of("k1", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0NTY"));
        m.put("algorithms", List.of("HS256", "RS256"));
        assertThat(refusal(m).problems()).singleElement().asString().contains("RS256 cannot be mixed with hmac_secrets");
    }

    @Test
    void hmacSecretsDefaultToHmacAlgorithms() {
        Map<String, Object> m = new HashMap<>();
        m.put("issuer", "https://idp.example");
        m.put("hmac_secrets", Map.of("k1", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0NTY"));
        JwkGateConfig config = JwkGateConfig.fromMap(m);
        assertThat(config.stringList(Setting.ALGORITHMS)).containsExactly("HS256", "HS384", "HS512");
        assertThat(config.keySourceKind()).isEqualTo(JwkGateConfig.KeySourceKind.HMAC);
    }

    @Test
    void refusesHmacSecretShorterThan32Bytes() {
        Map<String, Object> m = new HashMap<>();
        m.put("issuer", "https://idp.example");
        m.put("hmac_secrets", Map.of("k1", "c2hvcnQ"));
        assertThat(refusal(m).problems()).singleElement().asString().contains("at least 32");
    }

    @Test
    void refusesPlainHttpJwksUriToRemoteHost() {
        Map<String, Object> m = minimal();
        m.put("jwks_uri", "http://idp.example/certs");
        assertThat(refusal(m).problems()).singleElement().asString().startsWith("jwks_uri: plain http");
    }

    @Test
    void allowsPlainHttpToLoopback() {
        Map<String, Object> m = minimal();
        m.put("jwks_uri", "http://127.0.0.1:8080/certs");
        assertThat(JwkGateConfig.fromMap(m).string(Setting.JWKS_URI)).isEqualTo("http://127.0.0.1:8080/certs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.attacker.example/certs", "http://127.0.0.1.nip.io/certs",
            "http://localhost.attacker.example/certs", "http://localhost./certs", "http://127.000.000.001/certs"})
    void refusesPlainHttpJwksUriToAHostThatOnlyLooksLikeLoopback(String jwksUri) {
        Map<String, Object> m = minimal();
        m.put("jwks_uri", jwksUri);
        assertThat(refusal(m).problems()).singleElement().asString().startsWith("jwks_uri: plain http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.attacker.example/realms/a", "http://localhost.attacker.example/realms/a"})
    void refusesPlainHttpDiscoveryIssuerOnAHostThatOnlyLooksLikeLoopback(String issuer) {
        Map<String, Object> m = new HashMap<>();
        m.put("issuer", issuer);
        m.put("discovery", true);
        assertThat(refusal(m).problems()).singleElement().asString().startsWith("issuer: plain http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/certs", "http://127.10.20.30/certs", "http://localhost:8080/certs",
            "http://LOCALHOST/certs", "http://[::1]:8080/certs", "http://[0:0:0:0:0:0:0:1]/certs"})
    void allowsPlainHttpJwksUriToEverySpellingOfLoopback(String jwksUri) {
        Map<String, Object> m = minimal();
        m.put("jwks_uri", jwksUri);
        assertThat(JwkGateConfig.fromMap(m).string(Setting.JWKS_URI)).isEqualTo(jwksUri);
    }

    @Test
    void allowsPlainHttpToRemoteHostOnlyWhenExplicitlyAllowed() {
        Map<String, Object> m = minimal();
        m.put("jwks_uri", "http://idp.example/certs");
        m.put("allow_http", true);
        assertThat(JwkGateConfig.fromMap(m).string(Setting.JWKS_URI)).isEqualTo("http://idp.example/certs");
    }

    @Test
    void refusesNonHttpSchemes() {
        Map<String, Object> m = minimal();
        m.put("jwks_uri", "file:///etc/passwd");
        assertThat(refusal(m).problems()).singleElement().asString().startsWith("jwks_uri: must be an absolute https URL");
    }

    @Test
    void refusesRegisteredHeaderAsSupportedCriticalHeader() {
        Map<String, Object> m = minimal();
        m.put("supported_critical_headers", List.of("b64"));
        assertThat(refusal(m).problems()).singleElement().asString().contains("'b64' is a registered header");
    }

    @Test
    void refusesCacheDefaultTtlOutsideItsClamp() {
        Map<String, Object> m = minimal();
        m.put("cache_min_ttl_seconds", 600);
        m.put("cache_default_ttl_seconds", 300);
        assertThat(refusal(m).problems()).singleElement().asString().startsWith("cache_default_ttl_seconds:");
    }

    @Test
    void readsClaimsAnyOfWithSingleStringValues() {
        Map<String, Object> m = minimal();
        m.put("claims_any_of", Map.of("roles", "llm-user"));
        assertThat(JwkGateConfig.fromMap(m).stringListMap(Setting.CLAIMS_ANY_OF)).containsEntry("roles", List.of("llm-user"));
    }

    @Test
    void equalSettingsGiveEqualConfigurations() {
        assertThat(JwkGateConfig.fromMap(minimal())).isEqualTo(JwkGateConfig.fromMap(minimal()))
                .hasSameHashCodeAs(JwkGateConfig.fromMap(minimal()));
    }

    @Test
    void toStringMasksSecrets() {
        Map<String, Object> m = minimal();
        m.put("jwks_request_headers", Map.of("Authorization", "Bearer very-secret-value"));
        assertThat(JwkGateConfig.fromMap(m).toString()).doesNotContain("very-secret-value").contains("***");
    }

    @Test
    void typeErrorsNeverEchoTheValue() {
        Map<String, Object> m = minimal();
        m.put("trust_store_password", List.of("hunter2"));
        assertThat(refusal(m).getMessage()).doesNotContain("hunter2");
    }

    @Test
    void exactlyTheListSettingsInNonEmptyAreRefusedEmpty() {
        for (Setting setting : Setting.values()) {
            if (setting.type() != SettingType.STRING_LIST) {
                continue;
            }
            Map<String, Object> m = minimal();
            m.put(setting.settingName(), List.of());
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> JwkGateConfig.fromMap(m));
            if (JwkGateConfig.NON_EMPTY.contains(setting)) {
                assertThat(refused).as(setting.settingName()).isInstanceOf(ConfigException.class)
                        .hasMessageContaining(setting.settingName());
            } else {
                assertThat(refused).as(setting.settingName()).isNull();
            }
        }
    }

    @Test
    void typeErrorNamesTheJsonTypeGiven() {
        Map<String, Object> m = minimal();
        m.put("trust_store_password", List.of("hunter2"));
        assertThat(refusal(m).getMessage()).endsWith("got a JSON array");
    }

    @Test
    void builderRefusesInconsistentSettingsLikeFromMap() {
        assertThatThrownBy(() -> JwkGateConfig.builder().issuer("https://idp.example").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("one key source is required");
    }

    @Test
    void derivesOneConfigurationPerAdditionalIssuerWithItsOwnKeySource() {
        Map<String, Object> m = minimal();
        m.put("audiences", List.of("api"));
        m.put("additional_issuers", Map.of("https://idp.example/realms/b", "https://idp.example/realms/b/certs",
                "https://idp.example/realms/c", "discovery"));
        List<JwkGateConfig> perIssuer = JwkGateConfig.fromMap(m).perIssuer();
        assertThat(perIssuer).hasSize(3);
        assertThat(perIssuer.get(0).issuer()).isEqualTo("https://idp.example/realms/a");
        JwkGateConfig b = perIssuer.stream().filter(c -> c.issuer().endsWith("/b")).findFirst().orElseThrow();
        assertThat(b.string(Setting.JWKS_URI)).isEqualTo("https://idp.example/realms/b/certs");
        assertThat(b.stringList(Setting.AUDIENCES)).containsExactly("api");
        assertThat(b.stringMap(Setting.ADDITIONAL_ISSUERS)).isEmpty();
        JwkGateConfig c = perIssuer.stream().filter(x -> x.issuer().endsWith("/c")).findFirst().orElseThrow();
        assertThat(c.keySourceKind()).isEqualTo(JwkGateConfig.KeySourceKind.DISCOVERY);
        assertThat(c.string(Setting.JWKS_URI)).isNull();
    }

    @Test
    void aConfigurationWithoutAdditionalIssuersIsItsOnlyIssuer() {
        JwkGateConfig config = JwkGateConfig.fromMap(minimal());
        assertThat(config.perIssuer()).containsExactly(config);
    }

    @Test
    void refusesAnAdditionalIssuerThatRepeatsTheIssuer() {
        Map<String, Object> m = minimal();
        m.put("additional_issuers", Map.of("https://idp.example/realms/a", "https://other.example/certs"));
        assertThat(refusal(m).problems()).anyMatch(p -> p.startsWith("additional_issuers: 'https://idp.example/realms/a' is already"));
    }

    @Test
    void refusesAnAdditionalIssuersKeySourceOverPlainHttp() {
        Map<String, Object> m = minimal();
        m.put("additional_issuers", Map.of("https://idp.example/realms/b", "http://idp.example/certs"));
        assertThat(refusal(m).problems()).anyMatch(p -> p.startsWith("additional_issuers (JWKS URL of issuer")
                && p.contains("plain http"));
    }

    @Test
    void refusesDiscoveryForAnAdditionalIssuerThatIsNoUrl() {
        Map<String, Object> m = minimal();
        m.put("additional_issuers", Map.of("tenant-b", "discovery"));
        assertThat(refusal(m).problems()).anyMatch(p -> p.startsWith("additional_issuers (issuer 'tenant-b' with discovery)"));
    }

    @Test
    void refusesAdditionalIssuersBesideHmacSecrets() {
        Map<String, Object> m = new HashMap<>();
        m.put("issuer", "https://idp.example/realms/a");
        m.put("hmac_secrets", Map.of("k", "A".repeat(43)));
        m.put("additional_issuers", Map.of("https://idp.example/realms/b", "https://idp.example/realms/b/certs"));
        assertThat(refusal(m).problems()).anyMatch(p -> p.startsWith("additional_issuers: cannot be combined with hmac_secrets"));
    }

    @Test
    void everyIntegerSettingHasARangeThatHoldsItsDefaults() {
        for (Setting setting : Setting.values()) {
            if (setting.type() != SettingType.INTEGER) {
                continue;
            }
            JwkGateConfig.IntRange range = JwkGateConfig.RANGES.get(setting);
            assertThat(range).as(setting.settingName()).isNotNull();
            for (ConfigProfile profile : ConfigProfile.values()) {
                assertThat((Integer) profile.defaultFor(setting)).as(setting.settingName())
                        .isBetween(range.min(), range.max());
            }
        }
    }
}
