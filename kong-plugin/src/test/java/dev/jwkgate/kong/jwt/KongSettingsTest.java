package dev.jwkgate.kong.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.config.SettingRule;
import dev.jwkgate.kong.pdk.server.Dump;
import dev.jwkgate.kong.peer.KongDumpRules;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KongSettingsTest {

    private static final Map<String, Object> MINIMAL = Map.of(
            "issuer", "https://idp.example", "jwks_uri", "https://idp.example/jwks");

    @Test
    void kongNamesOfTheJwtAndOpenidConnectPluginsMapOntoCoreSettings() {
        Map<String, Object> kong = new LinkedHashMap<>(MINIMAL);
        kong.put("header_names", List.of("x-token"));
        kong.put("cookie_names", List.of("session"));
        kong.put("token_query_params", List.of("jwt"));
        kong.put("hide_credentials", true);
        kong.put("audience_required", List.of("api"));
        kong.put("required_scopes", List.of("read"));
        kong.put("clock_skew_seconds", 30);
        kong.put("max_token_lifetime_seconds", 3600);
        kong.put("realm", "kong");
        assertThat(KongSettings.read(kong))
                .containsEntry("token_headers", List.of("x-token"))
                .containsEntry("token_query_params", List.of("jwt"))
                .containsEntry("token_cookies", List.of("session"))
                .containsEntry("strip_token", true)
                .containsEntry("audiences", List.of("api"))
                .containsEntry("required_scopes", List.of("read"))
                .containsEntry("clock_skew_seconds", 30)
                .containsEntry("max_token_lifetime_seconds", 3600)
                .containsEntry("realm", "kong");
    }

    @ParameterizedTest
    @ValueSource(strings = {"leeway", "maximum_expiration", "scopes_required", "uri_param_names",
            "upstream_headers_claims", "upstream_headers_names"})
    void kongNamesThatMeanSomethingElseThereAreNotBorrowed(String kongName) {
        Map<String, Object> kong = new HashMap<>(MINIMAL);
        kong.put(kongName, kongName.equals("leeway") || kongName.equals("maximum_expiration") ? 0 : List.of("x"));
        assertThatThrownBy(() -> KongSettings.read(kong)).hasMessageContaining(kongName + ": unknown setting");
    }

    @Test
    void anAudienceRequiredItemWithASpaceIsRefusedBecauseKongReadsItAsAllOfThem() {
        Map<String, Object> kong = new HashMap<>(MINIMAL);
        kong.put("audience_required", List.of("api", "billing admin"));
        assertThatThrownBy(() -> KongSettings.read(kong)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("audience_required: 'billing admin' holds a space");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSchemaCarriesTheCoresRangesSoKongRefusesAnOutOfRangeValueWhenSaved() {
        Map<String, Object> tree = KongSettings.schema(JwtPluginDefinition.NAME).toTree();
        Map<String, Object> config = (Map<String, Object>) ((List<Map<String, Object>>) tree.get("fields")).get(0)
                .get("config");
        Map<String, Object> skew = ((List<Map<String, Object>>) config.get("fields")).stream()
                .filter(f -> f.containsKey("clock_skew_seconds")).findFirst()
                .map(f -> (Map<String, Object>) f.get("clock_skew_seconds")).orElseThrow();
        assertThat(skew.get("between")).isEqualTo(List.of(0L, 300L));
    }

    @Test
    void forwardedClaimsAreOneMapOfClaimPathToHeaderAsOnApisix() {
        Map<String, Object> kong = new HashMap<>(MINIMAL);
        kong.put("forward_claims", Map.of("sub", "X-User-Id", "realm_access.roles", "X-Roles"));
        assertThat(KongSettings.read(kong))
                .containsEntry("forward_claims", Map.of("sub", "X-User-Id", "realm_access.roles", "X-Roles"));
    }

    @Test
    void badClaimPathIsRefusedNamingTheSetting() {
        Map<String, Object> kong = new HashMap<>(MINIMAL);
        kong.put("forward_claims", Map.of("realm_access..roles", "X-Roles"));
        assertThatThrownBy(() -> new JwtPluginDefinition().newInstance(kong)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("forward_claims: claim path 'realm_access..roles'");
    }

    @Test
    void additionalIssuersKeepTheirCoreNameAndEachItsKeySource() {
        Map<String, Object> kong = new HashMap<>(MINIMAL);
        kong.put("additional_issuers", Map.of("https://idp.example/realms/b", "discovery"));
        assertThat(KongSettings.read(kong))
                .containsEntry("additional_issuers", Map.of("https://idp.example/realms/b", "discovery"));
    }

    @Test
    void anAdditionalIssuerRepeatingTheIssuerIsRefusedByName() {
        Map<String, Object> kong = new HashMap<>(MINIMAL);
        kong.put("additional_issuers", Map.of("https://idp.example", "https://other.example/jwks"));
        assertThatThrownBy(() -> new JwtPluginDefinition().newInstance(kong)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("additional_issuers: 'https://idp.example' is already");
    }

    @Test
    void unknownSettingIsRefusedByName() {
        Map<String, Object> kong = new HashMap<>(MINIMAL);
        kong.put("claims_to_verify", List.of("exp"));
        assertThatThrownBy(() -> KongSettings.read(kong)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("claims_to_verify: unknown setting");
    }

    @Test
    void coreNameOfARenamedSettingIsNotAcceptedSoEachSettingHasOneName() {
        Map<String, Object> kong = new HashMap<>(MINIMAL);
        kong.put("token_headers", List.of("x-token"));
        assertThatThrownBy(() -> KongSettings.read(kong)).hasMessageContaining("token_headers: unknown setting");
    }

    @Test
    void emptyObjectFromCjsonMeansAnEmptyList() {
        Map<String, Object> kong = new HashMap<>(MINIMAL);
        kong.put("audience_required", Map.of());
        assertThat(KongSettings.read(kong)).containsEntry("audiences", List.of());
    }

    @Test
    void runOnPreflightIsTheCoresSettingUnderKongsOwnName() {
        Map<String, Object> kong = new HashMap<>(MINIMAL);
        kong.put("run_on_preflight", false);
        assertThat(KongSettings.read(kong)).containsEntry("run_on_preflight", false);
    }

    @Test
    void coreRefusalsNameTheKongSetting() {
        Map<String, Object> kong = new HashMap<>(MINIMAL);
        kong.put("clock_skew_seconds", 1000);
        assertThatThrownBy(() -> new JwtPluginDefinition().newInstance(kong)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("clock_skew_seconds: 1000 is outside");
    }

    @Test
    void everyCoreSettingHasAKongField() {
        JsonNode fields = schemaFields();
        for (Setting setting : Setting.values()) {
            assertThat(fields.findValue(KongSettings.kongName(setting)))
                    .as("Kong field for %s", setting.settingName()).isNotNull();
        }
    }

    @Test
    void schemaDefaultsAreTheCoreGatewayDefaults() {
        JwkGateConfig gateway = JwkGateConfig.fromMap(
                Map.of("issuer", "https://idp.example", "jwks", "{\"keys\":[]}"), ConfigProfile.GATEWAY);
        JsonNode fields = schemaFields();
        ObjectMapper json = new ObjectMapper();
        for (Setting setting : Setting.values()) {
            if (setting == Setting.FORWARD_CLAIMS || setting == Setting.ISSUER || setting == Setting.JWKS) {
                continue;
            }
            Object expected = value(gateway, setting);
            JsonNode dflt = fields.findValue(KongSettings.kongName(setting)).get("default");
            assertThat(dflt == null ? null : json.convertValue(dflt, Object.class))
                    .as("default of %s", KongSettings.kongName(setting)).isEqualTo(expected);
        }
    }

    @Test
    void secretsMayBeKongVaultReferencesWhereKongResolvesThem() {
        JsonNode fields = schemaFields();
        assertThat(fields.findValue("trust_store_password").path("referenceable").asBoolean()).isTrue();
        assertThat(fields.findValue("hmac_secrets").path("values").path("referenceable").asBoolean()).isTrue();
        assertThat(fields.findValue("jwks_request_headers").path("values").path("referenceable").asBoolean()).isTrue();
        assertThat(fields.findValue("issuer").has("referenceable")).isFalse();
    }

    @Test
    void dumpPassesKongsSchemaRules() throws Exception {
        JsonNode dump = new ObjectMapper().readTree(Dump.json(new JwtPluginDefinition()));
        assertThat(KongDumpRules.violations(dump, "jwkgate")).isEmpty();
    }

    @Test
    void theCoresFixedChoicesAreKongsOneOfSoAnUnknownValueIsRefusedWhenSaved() {
        JsonNode fields = schemaFields();
        assertThat(fields.findValue("audit_log_format").path("one_of").toString()).isEqualTo("[\"text\",\"json\"]");
        assertThat(fields.findValue("consumer_lookup").path("elements").path("one_of").toString())
                .isEqualTo("[\"id\",\"username\"]");
        assertThat(fields.findValue("algorithms").path("elements").path("one_of")).contains(
                new ObjectMapper().valueToTree("RS256"));
    }

    @Test
    void everyRuleBetweenCoreSettingsIsAKongEntityCheckOnTheirKongNames() {
        String checks = entityChecks().toString();
        for (SettingRule rule : JwkGateConfig.RULES) {
            for (Setting setting : rule.settings()) {
                assertThat(checks).as(rule.toString()).contains("\"config." + KongSettings.kongName(setting) + "\"");
            }
        }
    }

    @Test
    void theKeySourceSwitchIsCheckedOnItsOwnBecauseKongCountsFalseAsSet() {
        JsonNode checks = entityChecks();
        assertThat(checks.findValues("mutually_exclusive")).anySatisfy(fields -> assertThat(fields.toString())
                .doesNotContain("discovery").contains("config.jwks_uri", "config.jwks\"", "config.jwks_file", "config.hmac_secrets"));
        assertThat(checks.findValues("conditional_at_least_one_of")).singleElement().satisfies(check -> {
            assertThat(check.path("if_field").asText()).isEqualTo("config.discovery");
            assertThat(check.path("if_match").path("eq").asBoolean(true)).isFalse();
        });
        assertThat(checks.findValues("conditional")).filteredOn(c -> c.path("if_field").asText().equals("config.discovery"))
                .extracting(c -> c.path("then_field").asText())
                .containsExactly("config.jwks_uri", "config.jwks", "config.jwks_file", "config.hmac_secrets");
    }

    private static JsonNode entityChecks() {
        return new ObjectMapper().valueToTree(KongSettings.schema("jwkgate").toTree()).path("entity_checks");
    }

    private static Object value(JwkGateConfig config, Setting setting) {
        return switch (setting.type()) {
            case STRING -> config.string(setting);
            case BOOLEAN -> config.bool(setting);
            case INTEGER -> config.integer(setting);
            case STRING_LIST -> config.stringList(setting);
            case STRING_MAP -> config.stringMap(setting);
            case STRING_LIST_MAP -> config.stringListMap(setting);
        };
    }

    private static JsonNode schemaFields() {
        JsonNode tree = new ObjectMapper().valueToTree(KongSettings.schema("jwkgate").toTree());
        return tree.path("fields").path(0).path("config").path("fields");
    }
}
