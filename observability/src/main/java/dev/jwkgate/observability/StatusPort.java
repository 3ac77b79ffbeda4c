package dev.jwkgate.observability;

import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.metrics.ProcessMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a gateway deployable (the Kong plugin server, the APISIX runner) turns on its status port, given the port as
 * the operator wrote it (the plugin server's {@code --status-port}, the runner's property {@value #PROPERTY}). None:
 * off, and the core records nothing. A port: {@link PrometheusMetrics} is bound as the JVM's recorder and
 * {@link StatusServer} listens on 127.0.0.1 at that port (0: any free port, logged). Called once at start-up,
 * before any route is configured, so every validator and key source is counted.
 */
public final class StatusPort {

    /** The name of the setting, as a runner property or system property. */
    public static final String PROPERTY = "jwkgate.status.port";

    private static final Logger LOG = LoggerFactory.getLogger(StatusPort.class);

    private StatusPort() {
    }

    /**
     * Starts the status port at {@code value}; empty when {@code value} is null or blank.
     *
     * @throws IllegalArgumentException when the value is not a port number (0 to 65535)
     * @throws UncheckedIOException     when the port cannot be bound
     */
    public static Optional<StatusServer> start(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        int port = parse(value.trim());
        PrometheusMetrics metrics = PrometheusMetrics.forSharedSources();
        ProcessMetrics.use(metrics);
        try {
            StatusServer server = StatusServer.start(port, metrics, KeySourceRegistry.shared()::statuses);
            LOG.info("jwkgate status on http://127.0.0.1:{} (/metrics, /health/live, /health/ready)", server.port());
            return Optional.of(server);
        } catch (IOException e) {
            throw new UncheckedIOException(PROPERTY + ": cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    static int parse(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(PROPERTY + ": '" + value + "' is not a port number (0 to 65535)");
    }
}
