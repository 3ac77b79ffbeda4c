package dev.jwkgate.kong.jwt;

import dev.jwkgate.kong.pdk.server.PluginServerCli;
import dev.jwkgate.observability.StatusPort;
import dev.jwkgate.observability.StatusServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of the deployable jar: {@code jwkgate -dump} and {@code jwkgate [--status-port <port>] --socket <path>}.
 * The status port (metrics and health on 127.0.0.1) is an argument because Kong starts the server with almost no
 * environment; it is off unless given.
 */
public final class JwkGatePluginServer {

    static final String STATUS_PORT = "--status-port";

    private JwkGatePluginServer() {
    }

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String statusPort = null;
        int at = rest.indexOf(STATUS_PORT);
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                System.err.println("jwkgate: " + STATUS_PORT + " needs a port number");
                System.exit(2);
            }
            statusPort = rest.remove(at + 1);
            rest.remove(at);
        }
        Optional<StatusServer> status;
        try {
            status = StatusPort.start(statusPort);
        } catch (RuntimeException e) {
            System.err.println("jwkgate: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code;
        try {
            code = PluginServerCli.run(new JwtPluginDefinition(), rest.toArray(String[]::new), System.out, System.err);
        } finally {
            status.ifPresent(StatusServer::close);
        }
        if (code != 0) {
            System.exit(code);
        }
    }
}
