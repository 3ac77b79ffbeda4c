package dev.jwkgate.kong.pdk;

import dev.jwkgate.kong.pdk.schema.PluginSchema;
import java.util.Map;
import java.util.Set;

/** What Kong learns about a plugin from the dump, and how to build an instance for one configuration. */
public interface PluginDefinition {

    /** The name used in {@code plugins = bundled,<name>} and in the Admin API. */
    String name();

    /** {@code x.y.z}. */
    String version();

    /** Kong runs plugins with higher priority first. */
    int priority();

    Set<Phase> phases();

    PluginSchema schema();

    /**
     * Builds an instance for one configuration. Called once per distinct configuration, so heavy
     * preparation belongs here, not in the phase handlers.
     *
     * @param config the plugin's own {@code config} fields as parsed JSON, without Kong's bookkeeping keys
     *               ({@code __seq__}, {@code route_id}, …) and without null values
     * @throws IllegalArgumentException when the configuration is refused; the message is logged and every
     *                                  event of the instance is answered with 500
     */
    KongPlugin newInstance(Map<String, Object> config);
}
