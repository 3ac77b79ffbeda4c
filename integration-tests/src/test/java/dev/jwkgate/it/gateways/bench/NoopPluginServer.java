package dev.jwkgate.it.gateways.bench;

import dev.jwkgate.kong.jwt.JwtPluginDefinition;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.PluginDefinition;
import dev.jwkgate.kong.pdk.schema.PluginSchema;
import dev.jwkgate.kong.pdk.schema.SchemaField;
import dev.jwkgate.kong.pdk.server.PluginServerCli;
import java.util.Map;
import java.util.Set;

/**
 * A Kong plugin server whose one plugin, {@code noop}, does nothing in its access phase: the least any Java plugin can
 * cost through the real Kong (one event round trip on the plugin socket). With {@code read_authorization} it also reads
 * the {@code Authorization} header, the least any authenticating plugin costs (a second round trip). Its priority is
 * jwkgate's, so it runs where jwkgate runs, before {@code request-termination} ends the request.
 */
public final class NoopPluginServer implements PluginDefinition {

    static final String READ_AUTHORIZATION = "read_authorization";

    public static void main(String[] args) {
        System.exit(PluginServerCli.run(new NoopPluginServer(), args, System.out, System.err));
    }

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
        return JwtPluginDefinition.PRIORITY;
    }

    @Override
    public Set<Phase> phases() {
        return Set.of(Phase.ACCESS);
    }

    @Override
    public PluginSchema schema() {
        return PluginSchema.builder("noop").field(READ_AUTHORIZATION, SchemaField.bool().defaultValue(false)).build();
    }

    @Override
    public KongPlugin newInstance(Map<String, Object> config) {
        boolean readAuthorization = Boolean.TRUE.equals(config.get(READ_AUTHORIZATION));
        return new KongPlugin() {
            @Override
            public void access(Kong kong) {
                if (readAuthorization) {
                    kong.request.getHeader("authorization");
                }
            }
        };
    }
}
