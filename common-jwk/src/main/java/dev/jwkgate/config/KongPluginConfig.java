package dev.jwkgate.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kong plugin configuration read into core settings: Kong's names ({@link Setting#namesOn}), Kong's shapes (the
 * two arrays {@code upstream_headers_claims}/{@code upstream_headers_names} for one map, cjson's {@code {}} for an
 * empty array), and problems named back in Kong's names. The Kong plugin and {@code jwkgate check-config} both read
 * Kong configurations here.
 */
public final class KongPluginConfig {

    static final String AUDIENCE_REQUIRED = Setting.AUDIENCES.nameOn(Platform.KONG);
    static final String UPSTREAM_HEADERS_CLAIMS = Setting.FORWARD_CLAIMS.namesOn(Platform.KONG).get(0);
    static final String UPSTREAM_HEADERS_NAMES = Setting.FORWARD_CLAIMS.namesOn(Platform.KONG).get(1);

    private KongPluginConfig() {
    }

    private static Optional<Setting> coreSetting(String kongName) {
        return Setting.byNameOn(Platform.KONG, kongName).filter(s -> s != Setting.FORWARD_CLAIMS);
    }

    private static String kongName(Setting setting) {
        return setting.nameOn(Platform.KONG);
    }

    /**
     * Reads a Kong configuration (the plugin's own fields, nulls already dropped).
     *
     * @throws ConfigException naming every unknown or invalid Kong setting
     */
    public static Map<String, Object> toCore(Map<String, Object> kongConfig) {
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
                    if (setting.get() == Setting.AUDIENCES) {
                        refuseKongsAndForm(value, problems);
                    }
                }
            }
        }
        forwardClaims(kongConfig, problems).ifPresent(map -> core.put(Setting.FORWARD_CLAIMS.settingName(), map));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return core;
    }

    /**
     * Kong's {@code openid-connect} reads the space-separated words of one {@code audience_required} item as "all of
     * these" (items are alternatives); jwkgate accepts a token naming any one listed audience. So an item with
     * whitespace, which would silently change meaning, is refused instead.
     */
    private static void refuseKongsAndForm(Object audiences, List<String> problems) {
        if (audiences instanceof List) {
            for (Object audience : (List<?>) audiences) {
                if (audience instanceof String && ((String) audience).chars().anyMatch(Character::isWhitespace)) {
                    problems.add(AUDIENCE_REQUIRED + ": '" + audience + "' holds a space, which Kong's openid-connect "
                            + "reads as 'all of these audiences'; jwkgate accepts any one listed audience, so list each "
                            + "audience as its own item");
                    return;
                }
            }
        }
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
    public static ConfigException inKongNames(ConfigException coreProblems) {
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
