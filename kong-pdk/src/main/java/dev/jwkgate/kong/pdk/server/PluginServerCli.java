package dev.jwkgate.kong.pdk.server;

import dev.jwkgate.kong.pdk.PluginDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line Kong runs: {@code -dump} for {@code query_cmd}, {@code --socket <path>} (or go-pdk's
 * {@code -kong-prefix <dir>}) for {@code start_cmd}. Only the dump goes to stdout; logs go to stderr,
 * which Kong relays into its error log.
 */
public final class PluginServerCli {

    private static final Logger LOG = LoggerFactory.getLogger(PluginServerCli.class);

    private PluginServerCli() {
    }

    /** Runs the command and returns the process exit code; a running server returns only when stopped. */
    public static int run(PluginDefinition definition, String[] args, PrintStream stdout, PrintStream stderr) {
        if (args.length == 1 && (args[0].equals("-dump") || args[0].equals("--dump"))) {
            stdout.println(Dump.json(definition));
            stdout.flush();
            return 0;
        }
        Path socket = null;
        if (args.length == 2 && (args[0].equals("--socket") || args[0].equals("-socket"))) {
            socket = Path.of(args[1]);
        } else if (args.length == 2 && (args[0].equals("-kong-prefix") || args[0].equals("--kong-prefix"))) {
            socket = Path.of(args[1], definition.name() + ".socket");
        }
        if (socket == null) {
            stderr.println("usage: " + definition.name() + " -dump | --socket <path> | -kong-prefix <dir>");
            return 2;
        }
        try {
            PluginServer server = PluginServer.start(definition, socket);
            CountDownLatch stopped = new CountDownLatch(1);
            // kong stop sends SIGTERM: remove the socket so the next start does not meet a stale file
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    closeQuietly(server);
                    stopped.countDown();
                }));
            } catch (IllegalStateException shutdownInProgress) {
                // SIGTERM came between listening and here: stop as asked, without a stack trace or a stale socket
                closeQuietly(server);
                return 0;
            }
            // announced only now, so whoever waits for this line can already stop the server cleanly
            LOG.info("{} {} listening on {}", definition.name(), definition.version(), socket);
            stopped.await();
            return 0;
        } catch (IOException e) {
            LOG.error("cannot listen on {}: {}", socket, e.toString());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void closeQuietly(PluginServer server) {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("closing the socket failed: {}", e.toString());
        }
    }
}
