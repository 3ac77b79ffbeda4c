package dev.jwkgate.kong.jwt;

import dev.jwkgate.kong.pdk.server.PluginServerCli;

/** Entry point of the deployable jar: {@code jwkgate -dump} and {@code jwkgate --socket <path>}. */
public final class JwkGatePluginServer {

    private JwkGatePluginServer() {
    }

    public static void main(String[] args) {
        int code = PluginServerCli.run(new JwtPluginDefinition(), args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }
}
