package dev.jwkgate.kong.pdk.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSchemaTest {

    @Test
    void entityChecksSitAtThePluginsTopLevelNamingConfigFieldsAsKongsOwnPluginsDo() {
        PluginSchema schema = PluginSchema.builder("demo")
                .field("allow", SchemaField.array(SchemaField.string()))
                .field("deny", SchemaField.array(SchemaField.string()))
                .entityCheck(EntityCheck.mutuallyExclusive(List.of("allow", "deny")))
                .build();

        assertThat(schema.toTree().get("entity_checks"))
                .isEqualTo(List.of(Map.of("mutually_exclusive", List.of("config.allow", "config.deny"))));
    }

    @Test
    void aConditionalNamesBothFieldsAndCarriesItsValidatorsAndMessage() {
        PluginSchema schema = PluginSchema.builder("demo")
                .field("discovery", SchemaField.bool())
                .field("jwks_uri", SchemaField.string())
                .entityCheck(EntityCheck.conditional("discovery", EntityCheck.Match.eq(true), "jwks_uri",
                        EntityCheck.Match.eq(null), "%s is on"))
                .build();

        Map<?, ?> conditional = (Map<?, ?>) ((Map<?, ?>) ((List<?>) schema.toTree().get("entity_checks")).get(0))
                .get("conditional");
        assertThat(conditional.get("if_field")).isEqualTo("config.discovery");
        assertThat(conditional.get("if_match")).isEqualTo(Map.of("eq", true));
        assertThat(conditional.get("then_field")).isEqualTo("config.jwks_uri");
        // JSON null: Kong's "value must be null"
        assertThat(conditional.get("then_match")).isEqualTo(Collections.singletonMap("eq", null));
        assertThat(conditional.get("then_err")).isEqualTo("%s is on");
    }

    @Test
    void aConditionalAtLeastOneOfNamesEveryAlternativeAsAConfigField() {
        PluginSchema schema = PluginSchema.builder("demo")
                .field("discovery", SchemaField.bool())
                .entityCheck(EntityCheck.conditionalAtLeastOneOf("discovery", EntityCheck.Match.eq(false),
                        List.of("jwks_uri", "jwks"), "one of %s"))
                .build();

        Map<?, ?> check = (Map<?, ?>) ((Map<?, ?>) ((List<?>) schema.toTree().get("entity_checks")).get(0))
                .get("conditional_at_least_one_of");
        assertThat(check.get("then_at_least_one_of")).isEqualTo(List.of("config.jwks_uri", "config.jwks"));
    }

    @Test
    void aSchemaWithoutRulesHasNoEntityChecks() {
        assertThat(PluginSchema.builder("demo").field("a", SchemaField.string()).build().toTree())
                .doesNotContainKey("entity_checks");
    }
}
