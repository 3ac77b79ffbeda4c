package dev.jwkgate.kong.jwt;

import dev.jwkgate.kong.pdk.server.PluginServerCli;
import java.io.IOException;
import java.io.PrintStream;

/** Entry point of the deployable jar: {@code jwkgate -dump} and {@code jwkgate --socket <path> [--log-file <path>]}. */
public final class JwkGatePluginServer {

    private JwkGatePluginServer() {
    }

    public static void main(String[] args) {
        LogFileOption.Parsed parsed;
        try {
            parsed = LogFileOption.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("jwkgate: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream log = System.err;
        if (parsed.path() != null) {
            try {
                log = LogFileOption.open(parsed.path());
            } catch (IOException e) {
                System.err.println("jwkgate: cannot open the " + LogFileOption.NAME + " for appending: " + e.getMessage());
                System.exit(2);
                return;
            }
            // before the first log line: slf4j-simple writes to whatever System.err is when it writes
            System.setErr(log);
        }
        int code = PluginServerCli.run(new JwtPluginDefinition(), parsed.rest(), System.out, log);
        if (code != 0) {
            System.exit(code);
        }
    }
}
