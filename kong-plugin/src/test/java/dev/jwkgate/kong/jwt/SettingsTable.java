package dev.jwkgate.kong.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.config.Setting;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The README's configuration table, generated from the plugin schema so the two cannot drift. */
final class SettingsTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingsTable() {
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }

    @SuppressWarnings("unchecked")
    static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| Kong setting | type | default | core setting | meaning |\n");
        out.append("|---|---|---|---|---|\n");
        Map<String, Object> tree = KongSettings.schema(JwtPluginDefinition.NAME).toTree();
        Map<String, Object> config = (Map<String, Object>) ((List<Map<String, Object>>) tree.get("fields")).get(0).get("config");
        for (Map<String, Object> field : (List<Map<String, Object>>) config.get("fields")) {
            Map.Entry<String, Object> entry = field.entrySet().iterator().next();
            Map<String, Object> typedef = (Map<String, Object>) entry.getValue();
            String name = entry.getKey();
            out.append("| `").append(name).append("` | ").append(type(typedef)).append(" | ")
                    .append(defaultOf(typedef)).append(" | ").append(core(name)).append(" | ")
                    .append(String.valueOf(typedef.get("description")).replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static String type(Map<String, Object> typedef) {
        String type = (String) typedef.get("type");
        if (type.equals("array")) {
            return "array of " + ((Map<String, Object>) typedef.get("elements")).get("type");
        }
        if (type.equals("map")) {
            Map<String, Object> values = (Map<String, Object>) typedef.get("values");
            return "map of string to " + (values.get("type").equals("array") ? "array of string" : values.get("type"));
        }
        return Boolean.TRUE.equals(typedef.get("required")) ? type + ", required" : type;
    }

    private static String defaultOf(Map<String, Object> typedef) {
        if (!typedef.containsKey("default")) {
            return "";
        }
        try {
            return "`" + JSON.writeValueAsString(typedef.get("default")) + "`";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String core(String kongName) {
        Optional<Setting> setting = Arrays.stream(Setting.values()).filter(s -> KongSettings.kongName(s).equals(kongName)).findFirst();
        return setting.map(s -> "`" + s.settingName() + "`").orElse("(Kong only)");
    }
}
