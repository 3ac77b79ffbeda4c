package dev.jwkgate.config;

/** The value types a setting can take, as they arrive from JSON, YAML or Kong configuration. */
public enum SettingType {
    STRING("string"),
    BOOLEAN("boolean"),
    INTEGER("integer"),
    STRING_LIST("list of strings"),
    STRING_MAP("map of string to string"),
    STRING_LIST_MAP("map of string to list of strings");

    private final String description;

    SettingType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
