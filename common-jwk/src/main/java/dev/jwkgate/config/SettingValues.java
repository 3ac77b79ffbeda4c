package dev.jwkgate.config;

import dev.jwkgate.audit.LogText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns values as JSON parsers and gateways hand them over into each setting's Java type. */
final class SettingValues {

    private SettingValues() {
    }

    static Object coerce(Setting setting, Object raw) {
        String name = setting.settingName();
        switch (setting.type()) {
            case STRING:
                if (raw instanceof String) {
                    return raw;
                }
                throw bad(name, "a string", raw);
            case BOOLEAN:
                if (raw instanceof Boolean) {
                    return raw;
                }
                if (setting == Setting.DISCOVERY && raw instanceof String) {
                    // APISIX's openid-connect takes the discovery document's URL here; jwkgate derives it from issuer
                    throw new ConfigException(name + ": expected true or false, got a string (APISIX's discovery URL is "
                            + "not taken: set issuer to the issuer the document names, without "
                            + "/.well-known/openid-configuration, and discovery: true)");
                }
                throw bad(name, "true or false", raw);
            case INTEGER:
                return toInt(name, raw);
            case STRING_LIST:
                return toStringList(name, raw);
            case STRING_MAP:
                return toStringMap(name, raw);
            case STRING_LIST_MAP:
                return toStringListMap(name, raw);
            default:
                throw new IllegalStateException(setting.type().name());
        }
    }

    private static Integer toInt(String name, Object raw) {
        if (raw instanceof Integer) {
            return (Integer) raw;
        }
        if (raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            long v = ((Number) raw).longValue();
            if (v == (int) v) {
                return (int) v;
            }
        }
        if (raw instanceof Double || raw instanceof Float || raw instanceof java.math.BigDecimal) {
            // JSON parsers and Lua hand whole numbers over as doubles
            double v = ((Number) raw).doubleValue();
            if (v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE) {
                return (int) v;
            }
        }
        throw bad(name, "a whole number", raw);
    }

    private static List<String> toStringList(String name, Object raw) {
        if (!(raw instanceof List)) {
            throw bad(name, "a list of strings", raw);
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) raw) {
            if (!(item instanceof String) || ((String) item).isEmpty()) {
                throw bad(name, "a list of non-empty strings", raw);
            }
            out.add((String) item);
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<String, String> toStringMap(String name, Object raw) {
        if (!(raw instanceof Map)) {
            throw bad(name, "a map of string to string", raw);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)
                    || ((String) e.getKey()).isEmpty() || ((String) e.getValue()).isEmpty()) {
                throw new ConfigException(name + ": expected a map of non-empty strings to non-empty strings");
            }
            out.put((String) e.getKey(), (String) e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, List<String>> toStringListMap(String name, Object raw) {
        if (!(raw instanceof Map)) {
            throw bad(name, "a map of string to list of strings", raw);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new ConfigException(name + ": keys must be strings");
            }
            Object value = e.getValue() instanceof String ? List.of(e.getValue()) : e.getValue();
            List<String> list = toStringList(name + "." + e.getKey(), value);
            if (list.isEmpty()) {
                throw new ConfigException(name + "." + e.getKey() + ": at least one value is required");
            }
            out.put((String) e.getKey(), list);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The message shows the value's type, never the value: it may be a secret. */
    private static ConfigException bad(String name, String expected, Object raw) {
        return new ConfigException(name + ": expected " + expected + ", got " + typeName(raw));
    }

    /** A number is shown (a range error needs it); any other value only by its JSON type. */
    private static String typeName(Object raw) {
        return raw instanceof Number ? "the number " + raw : "a JSON " + LogText.jsonType(raw);
    }
}
