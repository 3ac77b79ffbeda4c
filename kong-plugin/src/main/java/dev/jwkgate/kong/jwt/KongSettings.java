package dev.jwkgate.kong.jwt;

import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Platform;
import dev.jwkgate.config.Setting;
import dev.jwkgate.config.SettingType;
import dev.jwkgate.kong.pdk.schema.PluginSchema;
import dev.jwkgate.kong.pdk.schema.SchemaField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin's Kong configuration: every core {@link Setting} under a Kong name, and the mapping back.
 *
 * <p>Every fact about a setting is the core's ({@link Setting}): its Kong name ({@code header_names},
 * {@code leeway}, …, or the core name), whether it is secret, and its gateway default
 * ({@link ConfigProfile#GATEWAY}). What is Kong's own is the shape: Kong's schema types, the two arrays
 * {@code upstream_headers_claims}/{@code upstream_headers_names} for one map, and cjson's {@code {}} for an
 * empty array.
 */
final class KongSettings {

    static final String UPSTREAM_HEADERS_CLAIMS = Setting.FORWARD_CLAIMS.namesOn(Platform.KONG).get(0);
    static final String UPSTREAM_HEADERS_NAMES = Setting.FORWARD_CLAIMS.namesOn(Platform.KONG).get(1);

    private KongSettings() {
    }

    /** The Kong name of a core setting (for {@code forward_claims}, the claims array). */
    static String kongName(Setting setting) {
        return setting.nameOn(Platform.KONG);
    }

    private static Optional<Setting> coreSetting(String kongName) {
        return Setting.byNameOn(Platform.KONG, kongName).filter(s -> s != Setting.FORWARD_CLAIMS);
    }

    static Object defaultValue(Setting setting) {
        return ConfigProfile.GATEWAY.defaultFor(setting);
    }

    /** The schema Kong shows and validates; the core validates again when an instance starts. */
    static PluginSchema schema(String pluginName) {
        PluginSchema.Builder schema = PluginSchema.builder(pluginName);
        for (Setting setting : Setting.values()) {
            if (setting == Setting.FORWARD_CLAIMS) {
                schema.field(UPSTREAM_HEADERS_CLAIMS, SchemaField.array(SchemaField.string()).defaultValue(List.of())
                        .description("Claims forwarded upstream, each in the header at the same position of "
                                + "`upstream_headers_names`. Client-sent copies of those headers are always removed, also under "
                                + "spellings an upstream reads as the same name (`x_user_id`)."));
                schema.field(UPSTREAM_HEADERS_NAMES, SchemaField.array(SchemaField.string()).defaultValue(List.of())
                        .description("Upstream header names, one for each entry of `upstream_headers_claims`."));
                continue;
            }
            schema.field(kongName(setting), field(setting));
        }
        return schema.build();
    }

    private static SchemaField field(Setting setting) {
        SchemaField field = typeOf(setting);
        Object dflt = defaultValue(setting);
        if (dflt != null) {
            field.defaultValue(dflt);
        }
        if (setting == Setting.ISSUER) {
            field.required();
        }
        return field.description(setting.meaning());
    }

    /** Secrets may be Kong vault references; Kong resolves them only on strings and on string map values. */
    private static SchemaField secretString(Setting setting) {
        SchemaField string = SchemaField.string();
        return setting.secret() ? string.referenceable() : string;
    }

    private static SchemaField typeOf(Setting setting) {
        switch (setting.type()) {
            case STRING:
                return secretString(setting);
            case BOOLEAN:
                return SchemaField.bool();
            case INTEGER:
                return SchemaField.integer();
            case STRING_LIST:
                if (setting == Setting.ALGORITHMS) {
                    return SchemaField.array(SchemaField.string()
                            .oneOf(JwkGateConfig.KNOWN_ALGORITHMS.stream().sorted().toList()));
                }
                return SchemaField.array(SchemaField.string());
            case STRING_MAP:
                return SchemaField.map(SchemaField.string(), secretString(setting));
            case STRING_LIST_MAP:
                return SchemaField.map(SchemaField.string(), SchemaField.array(SchemaField.string()));
            default:
                throw new IllegalStateException(setting.type().name());
        }
    }

    /**
     * Reads a Kong configuration (the plugin's own fields, nulls already dropped).
     *
     * @throws ConfigException naming every unknown or invalid Kong setting
     */
    static Map<String, Object> read(Map<String, Object> kongConfig) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> core = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : kongConfig.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            if (name.equals(UPSTREAM_HEADERS_CLAIMS) || name.equals(UPSTREAM_HEADERS_NAMES)) {
                continue;
            } else {
                Optional<Setting> setting = coreSetting(name);
                if (setting.isEmpty()) {
                    problems.add(name + ": unknown setting");
                } else {
                    core.put(setting.get().settingName(), kongValue(setting.get(), value));
                }
            }
        }
        forwardClaims(kongConfig, problems).ifPresent(map -> core.put(Setting.FORWARD_CLAIMS.settingName(), map));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return core;
    }

    /** Kong's cjson writes an empty array as {@code {}}; it means an empty list. */
    private static Object kongValue(Setting setting, Object value) {
        if (setting.type() == SettingType.STRING_LIST && value instanceof Map && ((Map<?, ?>) value).isEmpty()) {
            return List.of();
        }
        return value;
    }

    private static Optional<Map<String, String>> forwardClaims(Map<String, Object> kongConfig, List<String> problems) {
        List<String> claims = stringList(kongConfig.get(UPSTREAM_HEADERS_CLAIMS), UPSTREAM_HEADERS_CLAIMS, problems);
        List<String> headers = stringList(kongConfig.get(UPSTREAM_HEADERS_NAMES), UPSTREAM_HEADERS_NAMES, problems);
        if (claims == null || headers == null) {
            return Optional.empty();
        }
        if (claims.size() != headers.size()) {
            problems.add(UPSTREAM_HEADERS_NAMES + ": needs one header name for each of the " + claims.size()
                    + " entries of " + UPSTREAM_HEADERS_CLAIMS + ", found " + headers.size());
            return Optional.empty();
        }
        Map<String, String> forward = new LinkedHashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            if (forward.put(claims.get(i), headers.get(i)) != null) {
                problems.add(UPSTREAM_HEADERS_CLAIMS + ": claim '" + claims.get(i) + "' is listed twice");
            }
        }
        return forward.isEmpty() ? Optional.empty() : Optional.of(forward);
    }

    private static List<String> stringList(Object value, String name, List<String> problems) {
        if (value == null || (value instanceof Map && ((Map<?, ?>) value).isEmpty())) {
            return List.of();
        }
        if (value instanceof List) {
            List<String> out = new ArrayList<>();
            for (Object item : (List<?>) value) {
                if (!(item instanceof String) || ((String) item).isEmpty()) {
                    problems.add(name + ": expected a list of non-empty strings");
                    return null;
                }
                out.add((String) item);
            }
            return out;
        }
        problems.add(name + ": expected a list of strings");
        return null;
    }

    /** Rewrites the core's problems, which start with a core setting name, to start with the Kong name. */
    static ConfigException inKongNames(ConfigException coreProblems) {
        List<String> renamed = new ArrayList<>();
        for (String problem : coreProblems.problems()) {
            int end = 0;
            while (end < problem.length() && (Character.isLetterOrDigit(problem.charAt(end)) || problem.charAt(end) == '_')) {
                end++;
            }
            String rest = problem.substring(end);
            renamed.add(Setting.byName(problem.substring(0, end)).map(s -> kongName(s) + rest).orElse(problem));
        }
        return new ConfigException(renamed);
    }
}
