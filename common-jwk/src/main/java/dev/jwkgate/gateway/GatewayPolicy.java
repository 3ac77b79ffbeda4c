package dev.jwkgate.gateway;

import dev.jwkgate.config.JwkGateConfig;

/**
 * The whole gateway behaviour for one route configuration: find the token, validate it, and decide
 * the answer or the upstream header changes. Adapters only translate. (Being written.)
 */
public final class GatewayPolicy {

    private final JwkGateConfig config;

    private GatewayPolicy(JwkGateConfig config) {
        this.config = config;
    }

    public static GatewayPolicy create(JwkGateConfig config) {
        return new GatewayPolicy(config);
    }

    public JwkGateConfig config() {
        return config;
    }

    /** Never throws: an internal failure becomes a 500 decision, never a pass. */
    public GatewayDecision decide(GatewayRequest request) {
        throw new UnsupportedOperationException("gateway policy is being implemented");
    }
}
