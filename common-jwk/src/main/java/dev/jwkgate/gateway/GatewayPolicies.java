package dev.jwkgate.gateway;

import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Shares one {@link GatewayPolicy} per distinct configuration among its holders, so routes with equal settings
 * share validators, and closes it when the last holder lets go.
 *
 * <p>Gateways re-send a route's configuration whenever it is edited, and every version is a distinct
 * configuration with its own policy. Each holder (a Kong plugin instance, an APISIX route conf) takes a
 * {@link PolicyLease} and closes it when the platform forgets the configuration (Kong's CloseInstance, the
 * runner's conf cache expiry); a policy lives exactly as long as some holder uses it, so one still in use is never
 * closed, and one nobody uses never keeps its key sources polling. Key sources are shared by URL in
 * {@link KeySourceRegistry}, so policies never multiply fetches either.
 */
public final class GatewayPolicies {

    private static final GatewayPolicies SHARED = new GatewayPolicies(KeySourceRegistry.shared());

    private final KeySourceRegistry sources;
    private final Map<JwkGateConfig, Held> held = new HashMap<>(); // guarded by this

    /** A policy and its number of holders. */
    private static final class Held {
        final GatewayPolicy policy;
        int holders;

        Held(GatewayPolicy policy) {
            this.policy = policy;
        }
    }

    /** Policies whose key sources come from {@code sources} (tests, embedding). */
    public GatewayPolicies(KeySourceRegistry sources) {
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /** The JVM-wide policies, on the JVM-wide key sources. */
    public static GatewayPolicies shared() {
        return SHARED;
    }

    /**
     * One use of the policy for these settings (core names, gateway profile: token cache on by default), built if
     * no holder has it. Close the lease when the configuration is gone.
     *
     * @throws dev.jwkgate.config.ConfigException naming every bad setting
     */
    public PolicyLease acquire(Map<String, ?> settings) {
        JwkGateConfig config = JwkGateConfig.fromMap(settings, ConfigProfile.GATEWAY);
        synchronized (this) {
            // building starts key loading in the background only, so holding the lock is brief
            Held policy = held.get(config);
            if (policy == null) {
                policy = new Held(GatewayPolicy.create(config, sources));
                held.put(config, policy);
            }
            policy.holders++;
            Held acquired = policy;
            return new PolicyLease(acquired.policy, () -> release(config, acquired));
        }
    }

    private void release(JwkGateConfig config, Held policy) {
        synchronized (this) {
            if (--policy.holders > 0 || held.get(config) != policy) {
                return;
            }
            held.remove(config);
        }
        policy.policy.close(); // outside the lock: the key-source registry has its own
    }

    /** How many policies some holder uses. */
    public synchronized int size() {
        return held.size();
    }
}
