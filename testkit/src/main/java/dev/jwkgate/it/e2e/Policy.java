package dev.jwkgate.it.e2e;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * One route's security policy in the core's setting names, written out as each gateway carries it: the
 * APISIX {@code ext-plugin-pre-req} conf value (core names unchanged) and the Kong plugin config (Kong names).
 */
public final class Policy {

    /** Core setting name to Kong setting name, where they differ (kong-plugin/README.md). */
    private static final Map<String, String> KONG_NAMES = Map.of(
            "token_headers", "header_names",
            "token_cookies", "cookie_names",
            "audiences", "audience_required",
            "strip_token", "hide_credentials");

    private final Map<String, Object> settings = new LinkedHashMap<>();

    private Policy() {
    }

    /** Keys found through {@code {issuer}/.well-known/openid-configuration}, as a Keycloak realm publishes them. */
    public static Policy discovering(String issuer) {
        return new Policy().set("issuer", issuer).set("discovery", true)
                // a first load on a cold, busy build machine can take longer than the 1 s default
                .set("first_load_wait_ms", 10_000);
    }

    /** A policy of exactly these core settings. */
    public static Policy of(Map<String, ?> coreSettings) {
        Policy policy = new Policy();
        policy.settings.putAll(coreSettings);
        return policy;
    }

    /** A copy, so one route's policy can be varied for another route. */
    public Policy copy() {
        return of(settings);
    }

    public Policy set(String coreSetting, Object value) {
        settings.put(coreSetting, value);
        return this;
    }

    /** The claims forwarded upstream, claim name to header name. */
    @SuppressWarnings("unchecked")
    public Map<String, String> forwardClaims() {
        return (Map<String, String>) settings.getOrDefault("forward_claims", Map.of());
    }

    /** The conf value of the {@code jwkgate} filter on an APISIX route. */
    public String apisixConf() {
        return JsonUtil.toJson(settings);
    }

    /** The Kong plugin's config, with the {@code __seq__} and {@code __plugin_id} Kong adds to each instance. */
    public String kongConfig(int seq, String pluginId) {
        Map<String, Object> kong = kongSettings();
        kong.put("__seq__", seq);
        kong.put("__plugin_id", pluginId);
        return JsonUtil.toJson(kong);
    }

    /** The settings in Kong's names, as a plugin's {@code config} in Kong's declarative configuration. */
    public Map<String, Object> kongSettings() {
        Map<String, Object> kong = new LinkedHashMap<>();
        settings.forEach((name, value) -> kong.put(KONG_NAMES.getOrDefault(name, name), value));
        return kong;
    }
}
