package dev.jwkgate.kong.pdk.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's Kong schema: {@code {"name": <plugin>, "fields": [{"config": {"type": "record", "fields": [...]}}],
 * "entity_checks": [...]}}, the shape Kong checks with its plugin metaschema. The entity checks sit at the plugin's
 * top level and name {@code config.<field>}, as in Kong's own plugin schemas ({@code acl}, {@code rate-limiting}).
 */
public final class PluginSchema {

    private final String pluginName;
    private final List<Map<String, Object>> configFields;
    private final List<EntityCheck> entityChecks;

    private PluginSchema(String pluginName, List<Map<String, Object>> configFields, List<EntityCheck> entityChecks) {
        this.pluginName = pluginName;
        this.configFields = List.copyOf(configFields);
        this.entityChecks = List.copyOf(entityChecks);
    }

    public static Builder builder(String pluginName) {
        return new Builder(pluginName);
    }

    /** How Kong names a config field in an entity check and in its messages ({@code config.<name>}). */
    public static String configField(String name) {
        return "config." + name;
    }

    /** The schema as a JSON-ready tree. */
    public Map<String, Object> toTree() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "record");
        record.put("fields", configFields);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", pluginName);
        schema.put("fields", List.of(Map.of("config", record)));
        if (!entityChecks.isEmpty()) {
            schema.put("entity_checks", entityChecks.stream().map(check -> check.tree(PluginSchema::configField)).toList());
        }
        return schema;
    }

    /** Collects config fields in order. */
    public static final class Builder {
        private final String pluginName;
        private final List<Map<String, Object>> fields = new ArrayList<>();
        private final List<EntityCheck> entityChecks = new ArrayList<>();

        private Builder(String pluginName) {
            this.pluginName = pluginName;
        }

        public Builder field(String name, SchemaField field) {
            fields.add(Map.of(name, field.typedef()));
            return this;
        }

        /** A rule between config fields, named by their config names. */
        public Builder entityCheck(EntityCheck check) {
            entityChecks.add(check);
            return this;
        }

        public PluginSchema build() {
            return new PluginSchema(pluginName, fields, entityChecks);
        }
    }
}
