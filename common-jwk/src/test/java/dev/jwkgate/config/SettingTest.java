package dev.jwkgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The facts each setting carries besides its meaning: secrecy and the names platforms give it. */
class SettingTest {

    @Test
    void secretSettingsAreThoseHoldingKeysPasswordsOrRequestCredentials() {
        assertThat(Arrays.stream(Setting.values()).filter(Setting::secret))
                .containsExactlyInAnyOrder(Setting.HMAC_SECRETS, Setting.TRUST_STORE_PASSWORD,
                        Setting.CLIENT_KEY_STORE_PASSWORD, Setting.JWKS_REQUEST_HEADERS);
    }

    @Test
    void kongNamesAreThoseOfKongsJwtAndOpenidConnectPluginsWhereTheyNameTheSameSetting() {
        Map<Setting, String> renamed = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            if (!setting.nameOn(Platform.KONG).equals(setting.settingName())) {
                renamed.put(setting, setting.nameOn(Platform.KONG));
            }
        }
        assertThat(renamed).containsOnly(
                Map.entry(Setting.TOKEN_HEADERS, "header_names"),
                Map.entry(Setting.TOKEN_COOKIES, "cookie_names"),
                Map.entry(Setting.STRIP_TOKEN, "hide_credentials"),
                Map.entry(Setting.AUDIENCES, "audience_required"));
    }

    @Test
    void kongConsumerSettingsApplyOnKongOnly() {
        assertThat(Arrays.stream(Setting.values()).filter(s -> !s.appliesTo(Platform.APISIX)))
                .allMatch(s -> s.section() == Setting.Section.KONG_CONSUMERS && s.appliesTo(Platform.KONG))
                .contains(Setting.ANONYMOUS, Setting.CONSUMER_CLAIM);
        assertThat(Setting.problemsOn(Platform.APISIX, List.of("issuer", "anonymous", "nonsense")))
                .singleElement().asString().startsWith("anonymous: a Kong setting");
        assertThat(Setting.problemsOn(Platform.KONG, List.of("anonymous"))).isEmpty();
    }

    @Test
    void apisixConfsUseTheCoreNames() {
        assertThat(Arrays.stream(Setting.values()).filter(s -> !s.nameOn(Platform.APISIX).equals(s.settingName())))
                .isEmpty();
    }

    @Test
    void everyKongNameFindsItsSettingAndNoNameIsTakenTwice() {
        List<String> names = Arrays.stream(Setting.values()).map(s -> s.nameOn(Platform.KONG)).toList();
        assertThat(names).doesNotHaveDuplicates();
        for (Setting setting : Setting.values()) {
            assertThat(Setting.byNameOn(Platform.KONG, setting.nameOn(Platform.KONG))).contains(setting);
        }
        assertThat(Setting.byNameOn(Platform.KONG, "token_headers")).isEmpty();
        assertThat(Setting.byNameOn(Platform.KONG, "leeway")).isEmpty();
    }

    @Test
    void gatewayProfileDiffersFromTheLibraryOnlyInTheTokenCache() {
        assertThat(Arrays.stream(Setting.values())
                .filter(s -> !java.util.Objects.equals(ConfigProfile.GATEWAY.defaultFor(s), s.defaultValue()))
                .collect(Collectors.toMap(s -> s, ConfigProfile.GATEWAY::defaultFor)))
                .containsOnly(Map.entry(Setting.TOKEN_CACHE_ENABLED, true));
    }
}
