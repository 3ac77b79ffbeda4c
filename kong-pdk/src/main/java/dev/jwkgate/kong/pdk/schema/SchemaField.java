package dev.jwkgate.kong.pdk.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field typedef of a Kong plugin schema ({@code {type, required, default, elements, …}}).
 *
 * <p>Only attributes Kong's metaschema knows are offered: it refuses the dump on any other.
 */
public final class SchemaField {

    private final Map<String, Object> typedef = new LinkedHashMap<>();

    private SchemaField(String type) {
        typedef.put("type", type);
    }

    public static SchemaField string() {
        return new SchemaField("string");
    }

    public static SchemaField bool() {
        return new SchemaField("boolean");
    }

    public static SchemaField integer() {
        return new SchemaField("integer");
    }

    public static SchemaField number() {
        return new SchemaField("number");
    }

    public static SchemaField array(SchemaField elements) {
        SchemaField field = new SchemaField("array");
        field.typedef.put("elements", elements.typedef());
        return field;
    }

    public static SchemaField set(SchemaField elements) {
        SchemaField field = new SchemaField("set");
        field.typedef.put("elements", elements.typedef());
        return field;
    }

    public static SchemaField map(SchemaField keys, SchemaField values) {
        SchemaField field = new SchemaField("map");
        field.typedef.put("keys", keys.typedef());
        field.typedef.put("values", values.typedef());
        return field;
    }

    public SchemaField required() {
        typedef.put("required", true);
        return this;
    }

    /** Kong stores the default in every configuration that leaves the field out. */
    public SchemaField defaultValue(Object value) {
        typedef.put("default", value);
        return this;
    }

    /** Kong requires 10 to 500 characters. */
    public SchemaField description(String text) {
        if (text.length() < 10 || text.length() > 500) {
            throw new IllegalArgumentException("a Kong field description has 10 to 500 characters: " + text);
        }
        typedef.put("description", text);
        return this;
    }

    public SchemaField between(long min, long max) {
        typedef.put("between", List.of(min, max));
        return this;
    }

    public SchemaField lenMin(int min) {
        typedef.put("len_min", min);
        return this;
    }

    /** The value may be a Kong vault reference ({@code {vault://…}}), meant for secrets. */
    public SchemaField referenceable() {
        typedef.put("referenceable", true);
        return this;
    }

    public SchemaField oneOf(List<String> values) {
        typedef.put("one_of", List.copyOf(values));
        return this;
    }

    /** The typedef as Kong reads it from the dump. */
    public Map<String, Object> typedef() {
        return typedef;
    }
}
