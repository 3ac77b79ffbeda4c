package dev.jwkgate.cli;

import dev.jwkgate.config.Setting;
import dev.jwkgate.config.SettingType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code --setting name=value} options into core settings: numbers and booleans by the
 * setting's type, lists comma-separated. Map-valued settings are taken as JSON.
 */
final class SettingOverrides {

    private SettingOverrides() {
    }

    static Map<String, Object> parse(List<String> assignments) throws CliArguments.UsageException {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new CliArguments.UsageException("--setting expects name=value, got '" + assignment + "'");
            }
            String name = assignment.substring(0, eq);
            String value = assignment.substring(eq + 1);
            Setting setting = Setting.byName(name)
                    .orElseThrow(() -> new CliArguments.UsageException(name + ": unknown setting"));
            settings.put(name, convert(setting, value));
        }
        return settings;
    }

    private static Object convert(Setting setting, String value) throws CliArguments.UsageException {
        SettingType type = setting.type();
        try {
            switch (type) {
                case INTEGER:
                    return Integer.parseInt(value);
                case BOOLEAN:
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new CliArguments.UsageException(setting.settingName() + ": expected true or false");
                    }
                    return Boolean.parseBoolean(value);
                case STRING_LIST:
                    return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
                case STRING_MAP:
                case STRING_LIST_MAP:
                    return org.jose4j.json.JsonUtil.parseJson(value);
                default:
                    return value;
            }
        } catch (NumberFormatException e) {
            throw new CliArguments.UsageException(setting.settingName() + ": expected a whole number");
        } catch (org.jose4j.lang.JoseException e) {
            throw new CliArguments.UsageException(setting.settingName() + ": expected a JSON object");
        }
    }
}
