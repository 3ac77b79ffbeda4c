package dev.jwkgate.kong.jwt;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugin server's {@code --log-file <path>}: its log lines are appended to that file instead of going to stderr.
 * Kong 3.9 relays a plugin server's stderr into its error log at INFO only ({@code grab_logs} in
 * {@code kong/runloop/plugin_servers/process.lua}), and at {@code log_level = info} nginx also writes a refused
 * duplicate request header line whole, a second {@code Authorization} with its token included. With a file of
 * its own, Kong stays at its default {@code notice} and the server's lines are still kept.
 */
final class LogFileOption {

    static final String NAME = "--log-file";

    /** The arguments without the option, and where the log goes ({@code null}: stderr, as before). */
    record Parsed(String[] rest, String path) {
    }

    private LogFileOption() {
    }

    /** Takes {@code --log-file <path>} out of the arguments; refuses it twice or without a path. */
    static Parsed parse(String[] args) {
        List<String> rest = new ArrayList<>();
        String path = null;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals(NAME)) {
                rest.add(args[i]);
            } else if (path != null) {
                throw new IllegalArgumentException(NAME + " given twice");
            } else if (i + 1 == args.length || args[i + 1].isBlank()) {
                throw new IllegalArgumentException(NAME + " needs a path");
            } else {
                path = args[++i];
            }
        }
        return new Parsed(rest.toArray(String[]::new), path);
    }

    /**
     * Opens the file for appending (creating it) and makes it the server's stderr, where slf4j-simple writes
     * ({@code org.slf4j.simpleLogger.logFile=System.err}, looked up on every line). Done by hand because
     * slf4j-simple 2.0 opens a named log file truncating it, and when it cannot, warns and carries on to stderr:
     * a restarted server would wipe its earlier lines, and a bad path would not stop it.
     */
    static PrintStream open(String path) throws IOException {
        return new PrintStream(new FileOutputStream(path, true), true, StandardCharsets.UTF_8);
    }
}
