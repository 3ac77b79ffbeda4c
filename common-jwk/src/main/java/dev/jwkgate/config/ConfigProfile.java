package dev.jwkgate.config;

import java.util.Map;

/** Where a configuration runs; a profile only changes defaults, never the meaning of a setting. */
public enum ConfigProfile {
    /** Used as a library or from the CLI. */
    LIBRARY(Map.of()),
    /** Inside a gateway adapter: repeated tokens are the norm there, so the verified-token cache is on. */
    GATEWAY(Map.of(Setting.TOKEN_CACHE_ENABLED, true));

    private final Map<Setting, Object> defaultOverrides;

    ConfigProfile(Map<Setting, Object> defaultOverrides) {
        this.defaultOverrides = defaultOverrides;
    }

    /** The setting's default in this profile (null when it has none). */
    public Object defaultFor(Setting setting) {
        return defaultOverrides.getOrDefault(setting, setting.defaultValue());
    }
}
