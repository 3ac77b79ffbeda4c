package dev.jwkgate.kong.pdk.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One of Kong's entity checks, a rule between config fields ({@code kong/db/schema/init.lua},
 * {@code Schema.entity_checkers}): Kong runs it on every plugin configuration it saves, the Admin API's and the
 * declarative file's, and refuses the configuration with a message naming the fields. Field names are the config
 * record's; {@link PluginSchema} prefixes them with {@code config.}, as Kong's own plugins name them.
 *
 * <p>Kong counts a field as set unless it is null, an empty string or an empty table; {@code false} counts as set.
 */
public final class EntityCheck {

    private final String checker;
    private final Object argument;

    private EntityCheck(String checker, Object argument) {
        this.checker = checker;
        this.argument = argument;
    }

    /** At most one of the fields is set: "only one or none of these fields must be set". */
    public static EntityCheck mutuallyExclusive(List<String> fields) {
        return new EntityCheck("mutually_exclusive", List.copyOf(fields));
    }

    /** All of the fields are set, or none: "all or none of these fields must be set". */
    public static EntityCheck mutuallyRequired(List<String> fields) {
        return new EntityCheck("mutually_required", List.copyOf(fields));
    }

    /** At least one of the fields is set: "at least one of these fields must be non-empty". */
    public static EntityCheck atLeastOneOf(List<String> fields) {
        return new EntityCheck("at_least_one_of", List.copyOf(fields));
    }

    /**
     * When {@code ifField}'s value passes the validators {@code ifMatch} (e.g. {@link Match#eq}), {@code thenField}'s
     * must pass {@code thenMatch}; else Kong answers {@code thenError} ({@code %s}: the if field; null: Kong's
     * "failed conditional validation given value of field …") beside the then field's own message. Kong never uses
     * {@code thenError} when {@code thenMatch} is {@link Match#present()}: a missing then field is "required field
     * missing" under its name, and the conditional's own message.
     */
    public static EntityCheck conditional(String ifField, Match ifMatch, String thenField, Match thenMatch,
                                          String thenError) {
        Map<String, Object> argument = new LinkedHashMap<>();
        argument.put("if_field", ifField);
        argument.put("if_match", ifMatch.validators);
        argument.put("then_field", thenField);
        argument.put("then_match", thenMatch.validators);
        if (thenError != null) {
            argument.put("then_err", thenError);
        }
        return new EntityCheck("conditional", argument);
    }

    /**
     * When {@code ifField}'s value passes {@code ifMatch}, at least one of {@code fields} is set; else Kong answers
     * {@code thenError} ({@code %s}: the fields, quoted).
     */
    public static EntityCheck conditionalAtLeastOneOf(String ifField, Match ifMatch, List<String> fields,
                                                      String thenError) {
        Map<String, Object> argument = new LinkedHashMap<>();
        argument.put("if_field", ifField);
        argument.put("if_match", ifMatch.validators);
        argument.put("then_at_least_one_of", List.copyOf(fields));
        argument.put("then_err", thenError);
        return new EntityCheck("conditional_at_least_one_of", argument);
    }

    /** The check as Kong reads it, its field names rewritten by {@code fieldName}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> tree(UnaryOperator<String> fieldName) {
        Object renamed;
        if (argument instanceof List) {
            renamed = ((List<String>) argument).stream().map(fieldName).toList();
        } else {
            Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) argument);
            map.replaceAll((key, value) -> key.endsWith("_field") ? fieldName.apply((String) value)
                    : key.equals("then_at_least_one_of") ? ((List<String>) value).stream().map(fieldName).toList()
                    : value);
            renamed = map;
        }
        return Map.of(checker, renamed);
    }

    /** The validators a conditional applies to a field's value ({@code if_match}, {@code then_match}). */
    public static final class Match {
        private final Map<String, Object> validators = new LinkedHashMap<>();

        private Match(String validator, Object value) {
            validators.put(validator, value);
        }

        /** The value equals this one; {@code null}: the field is unset ("value must be null"). */
        public static Match eq(Object value) {
            return new Match("eq", value);
        }

        /** The field is set (a null value fails). */
        public static Match present() {
            return new Match("required", true);
        }

        /** The string, array or map has exactly this many characters or entries. */
        public static Match length(int length) {
            return new Match("len_eq", length);
        }
    }
}
