package dev.jwkgate.kong.jwt;

import dev.jwkgate.config.ConfigException;
import dev.jwkgate.gateway.GatewayPolicies;
import dev.jwkgate.gateway.PolicyLease;
import dev.jwkgate.kong.pdk.FailureAnswer;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.PluginDefinition;
import dev.jwkgate.kong.pdk.schema.PluginSchema;
import java.util.Map;
import java.util.Set;

/** The {@code jwkgate} Kong plugin: JWT validation against JWKS, by the jwkgate core, in the access phase. */
public final class JwtPluginDefinition implements PluginDefinition {

    public static final String NAME = "jwkgate";
    public static final String VERSION = "0.1.0";
    /** Kong's own jwt plugin's slot: after session (1900), before acl (950) and rate limiting. */
    public static final int PRIORITY = 1450;

    private final PluginSchema schema = KongSettings.schema(NAME);
    private final FailureAnswer failureAnswer = JwtPlugin.failureAnswer();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.ACCESS);
    }

    @Override
    public PluginSchema schema() {
        return schema;
    }

    /** The core's own 500 (reason {@code internal_error}), so a plugin-server failure looks like a core failure. */
    @Override
    public FailureAnswer failureAnswer() {
        return failureAnswer;
    }

    /** @throws ConfigException naming each refused setting by its Kong name */
    @Override
    public KongPlugin newInstance(Map<String, Object> config) {
        Map<String, Object> coreSettings = KongSettings.read(config);
        PolicyLease policy;
        try {
            policy = GatewayPolicies.shared().acquire(coreSettings);
        } catch (ConfigException e) {
            throw KongSettings.inKongNames(e);
        }
        KongConsumers consumers = new KongConsumers(ConsumerCache.of(policy.policy().config()));
        return new JwtPlugin(policy.policy()::decide, consumers, policy::close);
    }
}
