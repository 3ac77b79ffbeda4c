package dev.jwkgate.gateway;

import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Shares one {@link GatewayPolicy} per distinct configuration, so routes with equal settings share validators. */
public final class GatewayPolicies {

    private static final GatewayPolicies SHARED = new GatewayPolicies();

    private final Map<JwkGateConfig, GatewayPolicy> policies = new ConcurrentHashMap<>();

    public static GatewayPolicies shared() {
        return SHARED;
    }

    /**
     * Reads core setting names with the gateway profile (token cache on by default).
     *
     * @throws dev.jwkgate.config.ConfigException naming every bad setting
     */
    public GatewayPolicy policyFor(Map<String, ?> settings) {
        JwkGateConfig config = JwkGateConfig.fromMap(settings, ConfigProfile.GATEWAY);
        return policies.computeIfAbsent(config, GatewayPolicy::create);
    }
}
