package dev.jwkgate.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rule between settings that no value of one setting breaks alone: exactly one key source, two settings never
 * together, one setting only with another. {@link JwkGateConfig#RULES} lists them; the core checks them when a
 * configuration is built, and the Kong plugin hands the same rules to Kong as its schema's entity checks, so Kong
 * refuses a configuration breaking one where it is saved.
 *
 * <p>A setting counts as set when its value is {@code true}, a string, or a non-empty list or map; {@code false},
 * null and empty collections count as unset (Kong's {@code is_nonempty}, except that Kong counts {@code false} as set).
 */
public sealed interface SettingRule {

    /** Every setting the rule names. */
    List<Setting> settings();

    /** The problem a configuration with these values has under the rule, named after a setting, or empty. */
    Optional<String> problem(Map<Setting, Object> values);

    /** Whether a value counts as set. */
    static boolean isSet(Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof Collection) {
            return !((Collection<?>) value).isEmpty();
        }
        if (value instanceof Map) {
            return !((Map<?, ?>) value).isEmpty();
        }
        return value != null;
    }

    /**
     * Exactly one of these settings is set: they are alternatives for one thing ({@code what}), such as the key
     * source.
     */
    record ExactlyOneOf(String what, List<Setting> settings) implements SettingRule {

        public ExactlyOneOf {
            settings = List.copyOf(settings);
        }

        @Override
        public Optional<String> problem(Map<Setting, Object> values) {
            List<String> set = new ArrayList<>();
            for (Setting setting : settings) {
                if (isSet(values.get(setting))) {
                    set.add(setting.settingName());
                }
            }
            if (set.isEmpty()) {
                List<String> names = settings.stream().map(Setting::settingName).toList();
                return Optional.of(firstNonBoolean() + ": one " + what + " is required ("
                        + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1) + ")");
            }
            if (set.size() > 1) {
                return Optional.of(set.get(1) + ": only one " + what + " may be set, found " + String.join(", ", set));
            }
            return Optional.empty();
        }

        /** The setting a missing choice is reported under: the first that is not a switch. */
        private String firstNonBoolean() {
            return settings.stream().filter(s -> s.type() != SettingType.BOOLEAN).findFirst().orElse(settings.get(0))
                    .settingName();
        }
    }

    /** Never both set; {@code why} says why, for the operator. */
    record NeverTogether(Setting first, Setting second, String why) implements SettingRule {

        @Override
        public List<Setting> settings() {
            return List.of(first, second);
        }

        @Override
        public Optional<String> problem(Map<Setting, Object> values) {
            if (isSet(values.get(first)) && isSet(values.get(second))) {
                return Optional.of(first.settingName() + ": cannot be combined with " + second.settingName() + " (" + why + ")");
            }
            return Optional.empty();
        }
    }

    /** {@code dependent} is only set together with {@code required} (a password with the store it opens). */
    record Requires(Setting dependent, Setting required) implements SettingRule {

        @Override
        public List<Setting> settings() {
            return List.of(dependent, required);
        }

        @Override
        public Optional<String> problem(Map<Setting, Object> values) {
            if (isSet(values.get(dependent)) && !isSet(values.get(required))) {
                return Optional.of(dependent.settingName() + ": set without " + required.settingName());
            }
            return Optional.empty();
        }
    }
}
