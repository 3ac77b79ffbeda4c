package dev.jwkgate.kong.jwt;

import dev.jwkgate.kong.pdk.server.PluginServerCli;
import dev.jwkgate.observability.StatusPort;
import dev.jwkgate.observability.StatusServer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of the deployable jar: {@code jwkgate -dump} and
 * {@code jwkgate [--status-port <port>] [--log-file <path>] --socket <path>}.
 * The status port (metrics and health on 127.0.0.1) is an argument because Kong starts the server with almost no
 * environment; it is off unless given.
 */
public final class JwkGatePluginServer {

    static final String STATUS_PORT = "--status-port";

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
        List<String> rest = new ArrayList<>(Arrays.asList(parsed.rest()));
        String statusPort = null;
        int at = rest.indexOf(STATUS_PORT);
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                log.println("jwkgate: " + STATUS_PORT + " needs a port number");
                System.exit(2);
            }
            statusPort = rest.remove(at + 1);
            rest.remove(at);
        }
        Optional<StatusServer> status;
        try {
            status = StatusPort.start(statusPort);
        } catch (RuntimeException e) {
            log.println("jwkgate: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code;
        try {
            code = PluginServerCli.run(new JwtPluginDefinition(), rest.toArray(String[]::new), System.out, log);
        } finally {
            status.ifPresent(StatusServer::close);
        }
        if (code != 0) {
            System.exit(code);
        }
    }
}
