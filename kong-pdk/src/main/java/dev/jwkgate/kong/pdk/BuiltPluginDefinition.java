package dev.jwkgate.kong.pdk;

import dev.jwkgate.kong.pdk.schema.PluginSchema;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A {@link PluginDefinition} made by {@link PluginDefinition#builder}. */
record BuiltPluginDefinition(String name, String version, int priority, Set<Phase> phases, PluginSchema schema,
                             Function<Map<String, Object>, KongPlugin> instances, FailureAnswer failureAnswer)
        implements PluginDefinition {

    @Override
    public KongPlugin newInstance(Map<String, Object> config) {
        return instances.apply(config);
    }
}
