package dev.jwkgate.kong.pdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.kong.pdk.schema.PluginSchema;
import dev.jwkgate.kong.pdk.schema.SchemaField;
import dev.jwkgate.kong.pdk.server.Dump;
import dev.jwkgate.kong.peer.KongDumpRules;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link PluginDefinition#builder}: a plugin without a definition class of its own. */
class PluginDefinitionTest {

    @Test
    void builtDefinitionCarriesItsPartsAndBuildsInstancesFromTheConfiguration() {
        KongPlugin plugin = new KongPlugin() { };
        PluginDefinition definition = PluginDefinition.builder("hello").version("2.1.0").priority(900)
                .phases(Phase.ACCESS, Phase.LOG)
                .schema(PluginSchema.builder("hello").field("greeting", SchemaField.string()).build())
                .instances(config -> config.equals(Map.of("greeting", "hi")) ? plugin : null)
                .build();
        assertThat(definition.name()).isEqualTo("hello");
        assertThat(definition.version()).isEqualTo("2.1.0");
        assertThat(definition.priority()).isEqualTo(900);
        assertThat(definition.phases()).isEqualTo(Set.of(Phase.ACCESS, Phase.LOG));
        assertThat(definition.newInstance(Map.of("greeting", "hi"))).isSameAs(plugin);
    }

    @Test
    void withoutASchemaThePluginTakesNoConfigurationFieldsAndKongAcceptsTheDump() throws Exception {
        PluginDefinition definition = PluginDefinition.builder("bare").version("1.0.0").priority(1)
                .phases(Phase.ACCESS).instances(config -> new KongPlugin() { }).build();
        assertThat(KongDumpRules.violations(new ObjectMapper().readTree(Dump.json(definition)), "bare")).isEmpty();
    }

    @Test
    void missingPartIsRefusedWhenBuilding() {
        assertThatThrownBy(() -> PluginDefinition.builder("half").version("1.0.0").priority(1).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("half");
    }
}
