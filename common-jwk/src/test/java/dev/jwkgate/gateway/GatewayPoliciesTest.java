package dev.jwkgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayPoliciesTest {

    private static final String JWKS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";

    private static Map<String, Object> settings(String audience) {
        return Map.of("issuer", "https://idp.example", "jwks", JWKS, "audiences", java.util.List.of(audience));
    }

    @Test
    void equalSettingsShareOnePolicy() {
        GatewayPolicies policies = new GatewayPolicies(8);
        assertThat(policies.policyFor(settings("a"))).isSameAs(policies.policyFor(settings("a")));
    }

    @Test
    void differentSettingsGetTheirOwnPolicy() {
        GatewayPolicies policies = new GatewayPolicies(8);
        assertThat(policies.policyFor(settings("a"))).isNotSameAs(policies.policyFor(settings("b")));
    }

    @Test
    void forgetsTheLeastRecentlyUsedPolicyBeyondTheBound() {
        GatewayPolicies policies = new GatewayPolicies(3);
        GatewayPolicy first = policies.policyFor(settings("route-0"));
        for (int i = 1; i < 10; i++) {
            policies.policyFor(settings("route-" + i));
        }
        assertThat(policies.size()).isEqualTo(3);
        assertThat(policies.policyFor(settings("route-0"))).isNotSameAs(first);
    }

    @Test
    void usesTheGatewayProfileSoTheTokenCacheIsOn() {
        GatewayPolicy policy = new GatewayPolicies(8).policyFor(settings("a"));
        assertThat(policy.config().bool(dev.jwkgate.config.Setting.TOKEN_CACHE_ENABLED)).isTrue();
    }

    @Test
    void refusesBadSettingsNamingThem() {
        assertThatThrownBy(() -> new GatewayPolicies(8).policyFor(Map.of("issuer", "x", "jwks", JWKS, "bogus", 1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bogus: unknown setting");
    }
}
