package dev.jwkgate.kong.pdk.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one connection from Kong's cosocket pool: RpcCalls one after another (keepalive), each
 * answered by exactly one RpcReturn with the echoed sequence, except for the two cases where Kong
 * expects nothing: an event ended by {@code kong.response.exit}, and an unknown instance id, where
 * closing the connection without a frame makes Kong start the instance again and retry.
 */
final class KongConnection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(KongConnection.class);
    private static final byte[] END_OF_CALLBACKS = new byte[0];

    private final SocketChannel socket;
    private final InstanceRegistry instances;

    KongConnection(SocketChannel socket, InstanceRegistry instances) {
        this.socket = socket;
        this.instances = instances;
    }

    @Override
    public void run() {
        try (socket) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(socket));
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(socket));
            byte[] frame;
            // the whole request frame is always read before any close: closing a Unix socket with
            // unread bytes sends a reset, which Kong 3.8+ answers with 500 instead of retrying
            while ((frame = Frames.read(in)) != null) {
                if (!serve(RpcCall.parse(frame), in, out)) {
                    return;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("connection dropped: {}", e.toString());
        } catch (RuntimeException e) {
            // only the type: an exception message may quote request data such as a token
            LOG.error("connection dropped after an unexpected {}", e.getClass().getName());
        }
    }

    /** Answers one call; false when the connection must be closed without a reply. */
    private boolean serve(RpcCall call, InputStream in, OutputStream out) throws IOException {
        RpcCall.Command command = call.command();
        if (command instanceof RpcCall.StartInstance start) {
            PluginInstance instance = instances.start(start.name(), start.config());
            reply(out, RpcReturns.instanceStatus(call.sequence(), instance.name(), instance.id(), instance.startedAt()));
        } else if (command instanceof RpcCall.CloseInstance close) {
            instances.close(close.instanceId());
            reply(out, RpcReturns.sequenceOnly(call.sequence()));
        } else if (command instanceof RpcCall.HandleEvent event) {
            Optional<PluginInstance> instance = instances.get(event.instanceId());
            if (instance.isEmpty() || !instance.get().enter()) {
                LOG.warn("no plugin instance {}: closing so that Kong starts it again", event.instanceId());
                return false;
            }
            EventChannel channel = new EventChannel(in, out);
            try {
                EventRunner.run(instance.get(), event.eventName(), channel);
            } finally {
                instance.get().exit();
            }
            if (!channel.terminated()) {
                Frames.write(out, END_OF_CALLBACKS);
                reply(out, RpcReturns.sequenceOnly(call.sequence()));
            }
            // Kong wrote the results of calls sent without waiting before it read the end of the event (or the exit)
            channel.skipUnreadResults();
            // after kong.response.exit Kong sends nothing more and drops the socket: the next read sees EOF
        } else if (command instanceof RpcCall.GetInstanceStatus status) {
            Optional<PluginInstance> instance = instances.get(status.instanceId());
            if (instance.isEmpty()) {
                return false;
            }
            reply(out, RpcReturns.instanceStatus(call.sequence(), instance.get().name(), instance.get().id(),
                    instance.get().startedAt()));
        } else {
            reply(out, RpcReturns.sequenceOnly(call.sequence()));
        }
        return true;
    }

    private static void reply(OutputStream out, byte[] rpcReturn) throws IOException {
        Frames.write(out, rpcReturn);
        out.flush();
    }
}
