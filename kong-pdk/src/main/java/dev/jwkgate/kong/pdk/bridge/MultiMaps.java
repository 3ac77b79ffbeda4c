package dev.jwkgate.kong.pdk.bridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns Kong's header and query tables (a string, a list of strings, or {@code true}) into lists of strings. */
public final class MultiMaps {

    private MultiMaps() {
    }

    public static Map<String, List<String>> of(Map<String, Object> table) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        table.forEach((name, value) -> out.put(name, values(value)));
        return Collections.unmodifiableMap(out);
    }

    private static List<String> values(Object value) {
        if (value instanceof List) {
            List<String> out = new ArrayList<>();
            for (Object item : (List<?>) value) {
                out.add(text(item));
            }
            return Collections.unmodifiableList(out);
        }
        return List.of(text(value));
    }

    /** A flag without a value ({@code ?debug}) is Lua's {@code true}; it carries no text. */
    private static String text(Object item) {
        return item instanceof String ? (String) item : "";
    }
}
