package dev.jwkgate.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kong plugin configuration read into core settings: Kong's names ({@link Setting#nameOn}), Kong's shapes (cjson's
 * {@code {}} for an empty array), and problems named back in Kong's names. The Kong plugin and
 * {@code jwkgate check-config} both read Kong configurations here.
 */
public final class KongPluginConfig {

    static final String AUDIENCE_REQUIRED = Setting.AUDIENCES.nameOn(Platform.KONG);

    private KongPluginConfig() {
    }

    private static Optional<Setting> coreSetting(String kongName) {
        return Setting.byNameOn(Platform.KONG, kongName);
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
