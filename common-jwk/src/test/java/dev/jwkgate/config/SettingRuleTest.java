package dev.jwkgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingRuleTest {

    private static final SettingRule.ExactlyOneOf KEY_SOURCE = (SettingRule.ExactlyOneOf) JwkGateConfig.RULES.stream()
            .filter(SettingRule.ExactlyOneOf.class::isInstance).findFirst().orElseThrow();

    private static Map<Setting, Object> values(Object... settingsAndValues) {
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, ConfigProfile.LIBRARY.defaultFor(setting));
        }
        for (int i = 0; i < settingsAndValues.length; i += 2) {
            values.put((Setting) settingsAndValues[i], settingsAndValues[i + 1]);
        }
        return values;
    }

    private static ConfigException refusal(Map<String, Object> settings) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> JwkGateConfig.fromMap(settings));
    }

    @Test
    void theKeySourceIsExactlyOneOfDiscoveryJwksUriJwksJwksFileAndHmacSecrets() {
        assertThat(KEY_SOURCE.settings()).containsExactly(Setting.DISCOVERY, Setting.JWKS_URI, Setting.JWKS,
                Setting.JWKS_FILE, Setting.HMAC_SECRETS);
    }

    @Test
    void falseAnEmptyMapAndNullCountAsUnset() {
        assertThat(SettingRule.isSet(false)).isFalse();
        assertThat(SettingRule.isSet(Map.of())).isFalse();
        assertThat(SettingRule.isSet(List.of())).isFalse();
        assertThat(SettingRule.isSet(null)).isFalse();
        assertThat(SettingRule.isSet(true)).isTrue();
        assertThat(SettingRule.isSet(Map.of("k", "v"))).isTrue();
        assertThat(SettingRule.isSet("https://idp.example/jwks")).isTrue();
    }

    @Test
    void noKeySourceIsReportedUnderJwksUriNamingEveryAlternative() {
        assertThat(KEY_SOURCE.problem(values())).contains(
                "jwks_uri: one key source is required (discovery, jwks_uri, jwks, jwks_file or hmac_secrets)");
    }

    @Test
    void discoveryWithAnHmacSecretIsTwoKeySources() {
        assertThat(KEY_SOURCE.problem(values(Setting.DISCOVERY, true, Setting.HMAC_SECRETS, Map.of("k", "s"))))
                .contains("hmac_secrets: only one key source may be set, found discovery, hmac_secrets");
    }

    @Test
    void oneKeySourceBreaksNoRule() {
        Map<Setting, Object> values = values(Setting.ISSUER, "https://idp.example", Setting.DISCOVERY, true);
        assertThat(JwkGateConfig.RULES).allSatisfy(rule -> assertThat(rule.problem(values)).isEmpty());
    }

    @Test
    void additionalIssuersAreNeverCombinedWithHmacSecrets() {
        Map<String, Object> settings = new HashMap<>(Map.of("issuer", "https://idp.example",
                "hmac_secrets", Map.of("k1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"),
                "algorithms", List.of("HS256"),
                "additional_issuers", Map.of("https://other.example", "discovery")));
        assertThat(refusal(settings).problems()).contains("additional_issuers: cannot be combined with hmac_secrets "
                + "(a shared secret belongs to no issuer's key set)");
    }

    @Test
    void aStorePasswordRequiresItsStore() {
        Map<String, Object> settings = new HashMap<>(Map.of("issuer", "https://idp.example",
                "jwks_uri", "https://idp.example/jwks", "client_key_store_password", "hunter2"));
        assertThat(refusal(settings).problems()).containsExactly("client_key_store_password: set without client_key_store_file");
    }
}
