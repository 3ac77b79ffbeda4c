package dev.jwkgate.gateway;

import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shares one {@link GatewayPolicy} per distinct configuration, so routes with equal settings share validators.
 *
 * <p>Bounded: gateways re-send a route's configuration whenever it is edited, and every version is a distinct
 * configuration. The least recently used policies are forgotten beyond {@link #DEFAULT_MAX_POLICIES}; a holder
 * keeps using its policy, and the next lookup of a forgotten configuration builds a fresh one. Key sources are
 * shared by URL in {@link dev.jwkgate.KeySourceRegistry}, so this never multiplies fetches.
 */
public final class GatewayPolicies {

    static final int DEFAULT_MAX_POLICIES = 1_024;

    private static final GatewayPolicies SHARED = new GatewayPolicies(DEFAULT_MAX_POLICIES);

    private final Map<JwkGateConfig, GatewayPolicy> policies; // guarded by this

    GatewayPolicies(int maxPolicies) {
        this.policies = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<JwkGateConfig, GatewayPolicy> eldest) {
                return size() > maxPolicies;
            }
        };
    }

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
        synchronized (this) {
            // building starts key loading in the background only, so holding the lock is brief
            return policies.computeIfAbsent(config, GatewayPolicy::create);
        }
    }

    synchronized int size() {
        return policies.size();
    }
}
