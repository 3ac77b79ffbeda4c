package dev.jwkgate.kong.jwt;

import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.KongPluginConfig;
import dev.jwkgate.config.Platform;
import dev.jwkgate.config.Setting;
import dev.jwkgate.config.SettingRule;
import dev.jwkgate.config.SettingType;
import dev.jwkgate.kong.pdk.schema.EntityCheck;
import dev.jwkgate.kong.pdk.schema.PluginSchema;
import dev.jwkgate.kong.pdk.schema.SchemaField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plugin's Kong configuration: every core {@link Setting} under a Kong name, and the mapping back.
 *
 * <p>Every fact about a setting is the core's ({@link Setting}): its Kong name ({@code header_names},
 * {@code hide_credentials}, …, or the core name), whether it is secret, and its gateway default
 * ({@link ConfigProfile#GATEWAY}). What is Kong's own is the shape: Kong's schema types, its entity checks, and
 * cjson's {@code {}} for an empty array.
 */
final class KongSettings {

    private KongSettings() {
    }

    /** The Kong name of a core setting. */
    static String kongName(Setting setting) {
        return setting.nameOn(Platform.KONG);
    }

    static Object defaultValue(Setting setting) {
        return ConfigProfile.GATEWAY.defaultFor(setting);
    }

    /** The schema Kong shows and validates; the core validates again when an instance starts. */
    static PluginSchema schema(String pluginName) {
        PluginSchema.Builder schema = PluginSchema.builder(pluginName);
        for (Setting setting : Setting.values()) {
            schema.field(kongName(setting), field(setting));
        }
        entityChecks().forEach(schema::entityCheck);
        return schema.build();
    }

    /** The core's rules between settings ({@link JwkGateConfig#RULES}) as Kong's entity checks. */
    static List<EntityCheck> entityChecks() {
        List<EntityCheck> checks = new ArrayList<>();
        for (SettingRule rule : JwkGateConfig.RULES) {
            if (rule instanceof SettingRule.ExactlyOneOf oneOf) {
                checks.addAll(exactlyOneOf(oneOf));
            } else if (rule instanceof SettingRule.NeverTogether never) {
                checks.add(EntityCheck.mutuallyExclusive(List.of(kongName(never.first()), kongName(never.second()))));
            } else if (rule instanceof SettingRule.Requires requires) {
                checks.add(EntityCheck.conditional(kongName(requires.dependent()), EntityCheck.Match.present(),
                        kongName(requires.required()), EntityCheck.Match.present(), null));
            } else {
                throw new IllegalStateException("no Kong entity check for " + rule);
            }
        }
        return checks;
    }

    /**
     * Exactly one of the settings, in Kong's terms. Kong counts {@code false} as set, so a switch among them
     * ({@code discovery}) cannot go into a plain check: when it is off, at least one of the others is set; when it is
     * on, none of them is; and at most one of the others is set.
     */
    private static List<EntityCheck> exactlyOneOf(SettingRule.ExactlyOneOf rule) {
        List<Setting> switches = rule.settings().stream().filter(s -> s.type() == SettingType.BOOLEAN).toList();
        List<String> others = rule.settings().stream().filter(s -> s.type() != SettingType.BOOLEAN)
                .map(KongSettings::kongName).toList();
        if (switches.size() > 1) {
            throw new IllegalStateException("Kong cannot check that one of several switches is on: " + rule);
        }
        List<EntityCheck> checks = new ArrayList<>();
        checks.add(EntityCheck.mutuallyExclusive(others));
        if (switches.isEmpty()) {
            checks.add(EntityCheck.atLeastOneOf(others));
            return checks;
        }
        String on = kongName(switches.get(0));
        checks.add(EntityCheck.conditionalAtLeastOneOf(on, EntityCheck.Match.eq(false), others,
                "one " + rule.what() + " is required: " + PluginSchema.configField(on) + " = true, or one of %s"));
        for (Setting other : rule.settings()) {
            if (other.type() == SettingType.BOOLEAN) {
                continue;
            }
            EntityCheck.Match unset = other.type() == SettingType.STRING ? EntityCheck.Match.eq(null)
                    : EntityCheck.Match.length(0);
            checks.add(EntityCheck.conditional(on, EntityCheck.Match.eq(true), kongName(other), unset,
                    "only one " + rule.what() + " may be set: %s = true, and " + PluginSchema.configField(kongName(other))));
        }
        return checks;
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
        JwkGateConfig.IntRange range = JwkGateConfig.RANGES.get(setting);
        if (range != null) {
            field.between(range.min(), range.max());
        }
        return field.description(setting.meaning());
    }

    /** Secrets may be Kong vault references; Kong resolves them only on strings and on string map values. */
    private static SchemaField secretString(Setting setting) {
        SchemaField string = SchemaField.string();
        return setting.secret() ? string.referenceable() : string;
    }

    /** The core's fixed set of values for the setting ({@link JwkGateConfig#CHOICES}), as Kong's {@code one_of}. */
    private static SchemaField choices(Setting setting, SchemaField string) {
        List<String> choices = JwkGateConfig.CHOICES.get(setting);
        return choices == null ? string : string.oneOf(choices);
    }

    private static SchemaField typeOf(Setting setting) {
        switch (setting.type()) {
            case STRING:
                return choices(setting, secretString(setting));
            case BOOLEAN:
                return SchemaField.bool();
            case INTEGER:
                return SchemaField.integer();
            case STRING_LIST:
                SchemaField list = SchemaField.array(choices(setting, SchemaField.string()));
                return JwkGateConfig.NON_EMPTY.contains(setting) ? list.lenMin(1) : list;
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
        return KongPluginConfig.toCore(kongConfig);
    }

    /** Rewrites the core's problems, which start with a core setting name, to start with the Kong name. */
    static ConfigException inKongNames(ConfigException coreProblems) {
        return KongPluginConfig.inKongNames(coreProblems);
    }
}
