package dev.jwkgate.kong.pdk.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.kong.pdk.Phase;
import dev.jwkgate.kong.pdk.PluginDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Kong's {@code pluginserver_<name>_query_cmd} must print. Kong reads the capitalised keys
 * {@code Protocol}, {@code Plugins[0].Name/Priority/Version/Phases/Schema} (not the lowercase ones
 * in its comments), and assumes MsgPack when {@code Protocol} is missing.
 */
public final class Dump {

    public static final String PROTOCOL = "ProtoBuf:1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Dump() {
    }

    public static String json(PluginDefinition definition) {
        Map<String, Object> plugin = new LinkedHashMap<>();
        plugin.put("Name", definition.name());
        plugin.put("Priority", definition.priority());
        plugin.put("Version", definition.version());
        plugin.put("Phases", definition.phases().stream().sorted().map(Phase::wireName).toList());
        plugin.put("Schema", definition.schema().toTree());
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("Protocol", PROTOCOL);
        dump.put("Plugins", List.of(plugin));
        try {
            return JSON.writeValueAsString(dump);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the schema cannot be written as JSON", e);
        }
    }
}
