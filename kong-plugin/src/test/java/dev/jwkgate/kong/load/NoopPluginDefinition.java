package dev.jwkgate.kong.load;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.PluginDefinition;
import dev.jwkgate.kong.pdk.schema.PluginSchema;
import java.util.Map;
import java.util.Set;

/** A plugin whose access phase does nothing: the cost of the plugin server and the protocol alone. */
public final class NoopPluginDefinition implements PluginDefinition {

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.ACCESS);
    }

    @Override
    public PluginSchema schema() {
        return PluginSchema.builder("noop").build();
    }

    @Override
    public KongPlugin newInstance(Map<String, Object> config) {
        return new KongPlugin() {
            @Override
            public void access(Kong kong) {
                // nothing: measures the event round trip only
            }
        };
    }
}
