package dev.jwkgate.kong.readme;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.PluginDefinition;
import dev.jwkgate.kong.pdk.schema.PluginSchema;
import dev.jwkgate.kong.pdk.schema.SchemaField;
import dev.jwkgate.kong.pdk.server.PluginServerCli;
import java.util.Map;

/** The plugin of the README's "Writing a plugin", as written there, so that it compiles and its tests run. */
public final class Hello {

    /** The configuration, read once per configured instance, not per request. */
    record HelloConfig(String header, String greeting) {
        static HelloConfig of(Map<String, Object> config) {
            return new HelloConfig((String) config.get("header"), (String) config.get("greeting"));
        }
    }

    static final PluginDefinition DEFINITION = PluginDefinition.builder("hello")
            .version("1.0.0")
            .priority(800)                                   // higher runs first (Kong's jwt plugin is 1450)
            .phases(Phase.ACCESS)
            .schema(PluginSchema.builder("hello")
                    .field("header", SchemaField.string().defaultValue("X-Hello"))
                    .field("greeting", SchemaField.string().required()
                            .description("The value sent upstream in the header."))
                    .build())
            .instances(config -> {
                HelloConfig hello = HelloConfig.of(config);  // throw IllegalArgumentException to refuse it
                return new KongPlugin() {
                    @Override
                    public void access(Kong kong) {
                        if (kong.request.getHeader("authorization").isEmpty()) {
                            kong.response.exit(401, "{\"error\":\"no credentials\"}".getBytes(UTF_8),
                                    Map.of("Content-Type", "application/json"));
                            return;                          // exit ends the event: make no PDK call after it
                        }
                        kong.service.request.setHeader(hello.header(), hello.greeting());
                    }
                };
            })
            .build();

    public static void main(String[] args) {
        System.exit(PluginServerCli.run(DEFINITION, args, System.out, System.err));
    }
}
