package dev.jwkgate.demo.front;

import java.io.IOException;

/**
 * One gateway as the demo's clients reach it under {@code /<name>/<route>}: a request in, exactly what that
 * gateway would answer the client out. The fallback implementations drive the plugin's deployable through the
 * gateway's own protocol; another implementation can forward to a real gateway instead.
 */
public interface GatewayFront extends AutoCloseable {

    /** The path prefix, e.g. {@code apisix}. */
    String name();

    /**
     * Runs one request through the gateway.
     *
     * @param route   the route name, the path after {@code /<name>/} (e.g. {@code orders})
     * @param request the client's request, unchanged
     */
    FrontResponse handle(String route, FrontRequest request) throws IOException;

    @Override
    void close();
}
