package dev.jwkgate.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code --name value} options and positional arguments; repeated options keep every value. */
final class CliArguments {

    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    CliArguments(String[] args, List<String> flags) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (flags.contains(name)) {
                    options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (i + 1 < args.length) {
                    options.computeIfAbsent(name, k -> new ArrayList<>()).add(args[++i]);
                } else {
                    throw new UsageException("option --" + name + " needs a value");
                }
            } else {
                positional.add(arg);
            }
        }
    }

    List<String> positional() {
        return positional;
    }

    String one(String name) {
        List<String> values = options.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    /** Options the command does not know. */
    List<String> unknown(List<String> known) {
        List<String> unknown = new ArrayList<>(options.keySet());
        unknown.removeAll(known);
        return unknown;
    }

    /** A command line mistake; the CLI prints it and exits 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
