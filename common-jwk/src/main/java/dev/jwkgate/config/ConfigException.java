package dev.jwkgate.config;

import java.util.List;

/** A configuration was refused; every problem names the setting it is about. */
public final class ConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid jwkgate configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** One entry per refused setting, each starting with the setting's name. */
    public List<String> problems() {
        return problems;
    }
}
