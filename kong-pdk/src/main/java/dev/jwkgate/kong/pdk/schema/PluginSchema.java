package dev.jwkgate.kong.pdk.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's Kong schema: {@code {"name": <plugin>, "fields": [{"config": {"type": "record", "fields": [...]}}]}},
 * the shape Kong checks with its plugin metaschema.
 */
public final class PluginSchema {

    private final String pluginName;
    private final List<Map<String, Object>> configFields;

    private PluginSchema(String pluginName, List<Map<String, Object>> configFields) {
        this.pluginName = pluginName;
        this.configFields = List.copyOf(configFields);
    }

    public static Builder builder(String pluginName) {
        return new Builder(pluginName);
    }

    /** The schema as a JSON-ready tree. */
    public Map<String, Object> toTree() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "record");
        record.put("fields", configFields);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("name", pluginName);
        schema.put("fields", List.of(Map.of("config", record)));
        return schema;
    }

    /** Collects config fields in order. */
    public static final class Builder {
        private final String pluginName;
        private final List<Map<String, Object>> fields = new ArrayList<>();

        private Builder(String pluginName) {
            this.pluginName = pluginName;
        }

        public Builder field(String name, SchemaField field) {
            fields.add(Map.of(name, field.typedef()));
            return this;
        }

        public PluginSchema build() {
            return new PluginSchema(pluginName, fields);
        }
    }
}
