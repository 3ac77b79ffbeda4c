package dev.jwkgate.kong.peer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Kong checks when it reads a query command's output: the keys {@code process.lua} reads, then
 * {@code valid_priority}/version rules ({@code kong/db/dao/plugins.lua}) and the plugin metaschema
 * ({@code kong/db/schema/metaschema.lua}) for every config field.
 */
public final class KongDumpRules {

    private static final Set<String> PHASES = Set.of("certificate", "rewrite", "access", "response", "preread", "log");
    private static final Set<String> TYPES = Set.of("string", "boolean", "integer", "number", "array", "set", "map", "record");
    /** Field attributes the metaschema knows; any other makes Kong refuse the schema. */
    private static final Set<String> ATTRIBUTES = Set.of("type", "required", "default", "description", "elements",
            "keys", "values", "between", "len_min", "len_max", "one_of", "referenceable", "encrypted", "fields");

    private KongDumpRules() {
    }

    /** Every rule the dump breaks; empty when Kong would load it. */
    public static List<String> violations(JsonNode dump, String pluginName) {
        List<String> out = new ArrayList<>();
        if (!"ProtoBuf:1".equals(dump.path("Protocol").asText())) {
            out.add("Protocol is not ProtoBuf:1 (Kong would assume MsgPack:1)");
        }
        JsonNode plugin = dump.path("Plugins").path(0);
        if (!pluginName.equals(plugin.path("Name").asText())) {
            out.add("Plugins[0].Name is not " + pluginName);
        }
        if (!plugin.path("Priority").isIntegralNumber()) {
            out.add("Priority is not an integer");
        }
        if (!plugin.path("Version").isTextual() || !plugin.path("Version").asText().matches("\\d+\\.\\d+\\.\\d+")) {
            out.add("Version is not x.y.z");
        }
        JsonNode phases = plugin.path("Phases");
        if (!phases.isArray() || phases.isEmpty()) {
            out.add("Phases is not a non-empty array");
        }
        phases.forEach(p -> {
            if (!PHASES.contains(p.asText())) {
                out.add("unknown phase " + p);
            }
        });
        JsonNode schema = plugin.path("Schema");
        if (!pluginName.equals(schema.path("name").asText())) {
            out.add("Schema.name is not the plugin name");
        }
        JsonNode config = schema.path("fields").path(0).path("config");
        if (!"record".equals(config.path("type").asText())) {
            out.add("Schema.fields[0].config.type is not record");
        }
        for (JsonNode field : config.path("fields")) {
            if (field.size() != 1) {
                out.add("a config field entry must have exactly one name: " + field);
                continue;
            }
            Map.Entry<String, JsonNode> entry = field.properties().iterator().next();
            checkTypedef(entry.getKey(), entry.getValue(), out);
        }
        return out;
    }

    private static void checkTypedef(String name, JsonNode typedef, List<String> out) {
        String type = typedef.path("type").asText();
        if (!TYPES.contains(type)) {
            out.add(name + ": unknown type '" + type + "'");
        }
        for (Iterator<String> it = typedef.fieldNames(); it.hasNext(); ) {
            String attribute = it.next();
            if (!ATTRIBUTES.contains(attribute)) {
                out.add(name + ": attribute '" + attribute + "' is not in Kong's metaschema");
            }
        }
        JsonNode description = typedef.get("description");
        if (description != null && (description.asText().length() < 10 || description.asText().length() > 500)) {
            out.add(name + ": description must have 10 to 500 characters");
        }
        JsonNode dflt = typedef.get("default");
        if (dflt != null && !dflt.isNull()) {
            boolean fits = switch (type) {
                case "string" -> dflt.isTextual() && (!dflt.asText().isEmpty() || typedef.path("len_min").asInt(1) == 0);
                case "boolean" -> dflt.isBoolean();
                case "integer" -> dflt.isIntegralNumber();
                case "number" -> dflt.isNumber();
                case "array", "set" -> dflt.isArray();
                case "map" -> dflt.isObject();
                default -> true;
            };
            if (!fits) {
                out.add(name + ": default " + dflt + " does not fit type " + type);
            }
        }
        if ((type.equals("array") || type.equals("set"))) {
            if (!typedef.has("elements")) {
                out.add(name + ": " + type + " without elements");
            } else {
                checkTypedef(name + ".elements", typedef.get("elements"), out);
            }
        }
        if (type.equals("map")) {
            if (!typedef.has("keys") || !typedef.has("values")) {
                out.add(name + ": map without keys and values");
            } else {
                checkTypedef(name + ".keys", typedef.get("keys"), out);
                checkTypedef(name + ".values", typedef.get("values"), out);
            }
        }
    }
}
