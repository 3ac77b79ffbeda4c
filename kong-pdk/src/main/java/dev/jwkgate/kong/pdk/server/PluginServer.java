package dev.jwkgate.kong.pdk.server;

import dev.jwkgate.kong.pdk.PluginDefinition;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's ProtoBuf:1 plugin server on a Unix socket: one thread per connection, since a pb event
 * (HandleEvent, its PDK callbacks, the RpcReturn) runs strictly in turn on one connection, and idle
 * pooled connections simply park their thread on a read.
 */
public final class PluginServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginServer.class);

    private final Path socketPath;
    private final ServerSocketChannel server;
    private final InstanceRegistry instances;
    private final ExecutorService connections;
    private final Thread acceptor;

    private PluginServer(Path socketPath, ServerSocketChannel server, InstanceRegistry instances) {
        this.socketPath = socketPath;
        this.server = server;
        this.instances = instances;
        this.connections = Executors.newCachedThreadPool(daemonThreads("kong-conn-"));
        this.acceptor = daemonThreads("kong-accept-").newThread(this::acceptLoop);
    }

    /** Binds {@code socketPath}, replacing a stale socket file left by a previous run, and starts accepting. */
    public static PluginServer start(PluginDefinition definition, Path socketPath) throws IOException {
        Files.deleteIfExists(socketPath);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socketPath));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        PluginServer started = new PluginServer(socketPath, server, new InstanceRegistry(definition, Clock.systemUTC()));
        started.acceptor.start();
        return started;
    }

    public Path socketPath() {
        return socketPath;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel socket = server.accept();
                connections.execute(new KongConnection(socket, instances));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("accept failed: {}", e.toString());
            }
        }
    }

    /** Stops accepting, drops open connections and removes the socket file. */
    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
        Files.deleteIfExists(socketPath);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
