package dev.jwkgate.kong.pdk;

import dev.jwkgate.kong.pdk.schema.PluginSchema;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

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

    /**
     * The answer to every event the plugin cannot handle (a refused configuration, a handler exception). By
     * default Kong's own answer to an unexpected error ({@link FailureAnswer#KONG_DEFAULT}); a plugin whose
     * refusals have a documented shape gives its own, so its clients see one shape for every failure.
     */
    default FailureAnswer failureAnswer() {
        return FailureAnswer.KONG_DEFAULT;
    }

    /**
     * A definition from its parts, for plugins that need no class of their own:
     * {@code PluginDefinition.builder("hello").version("1.0.0").priority(10).phases(Phase.ACCESS)
     * .instances(config -> new Hello(config)).build()}. Without a {@link Builder#schema schema} the plugin takes
     * no configuration fields.
     */
    static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects the parts of a {@link PluginDefinition}; version, priority, phases and instances are required. */
    final class Builder {
        private final String name;
        private String version;
        private Integer priority;
        private Set<Phase> phases = Set.of();
        private PluginSchema schema;
        private Function<Map<String, Object>, KongPlugin> instances;
        private FailureAnswer failureAnswer = FailureAnswer.KONG_DEFAULT;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder phases(Phase... phases) {
            this.phases = Set.of(phases);
            return this;
        }

        public Builder schema(PluginSchema schema) {
            this.schema = schema;
            return this;
        }

        /** Builds the instance for one configuration, as {@link PluginDefinition#newInstance} does. */
        public Builder instances(Function<Map<String, Object>, KongPlugin> instances) {
            this.instances = instances;
            return this;
        }

        /** The answer to events the plugin cannot handle; {@link FailureAnswer#KONG_DEFAULT} unless given. */
        public Builder failureAnswer(FailureAnswer failureAnswer) {
            this.failureAnswer = Objects.requireNonNull(failureAnswer, "failureAnswer");
            return this;
        }

        /** @throws IllegalStateException naming the first missing part */
        public PluginDefinition build() {
            if (version == null || priority == null || phases.isEmpty() || instances == null) {
                throw new IllegalStateException("plugin " + name + " needs a version, a priority, at least one phase "
                        + "and an instance factory");
            }
            return new BuiltPluginDefinition(name, version, priority, phases,
                    schema != null ? schema : PluginSchema.builder(name).build(), instances, failureAnswer);
        }
    }
}
