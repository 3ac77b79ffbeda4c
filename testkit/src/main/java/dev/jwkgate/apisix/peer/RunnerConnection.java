package dev.jwkgate.apisix.peer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * One Unix-socket connection from APISIX to the runner, carrying one RPC at a time.
 *
 * <p>Frames are read through a buffer, as nginx's cosocket reads them: each read takes whatever the socket holds,
 * up to {@code lua_socket_buffer_size} (4 KiB). So the runner's duplicate PrepareConf answer, which arrives with
 * the first, is read off the socket and dropped with the connection, as in APISIX, instead of being left unread:
 * closing a socket with unread bytes resets it, and the runner would log that reset as an ERROR that APISIX
 * never causes.
 */
public final class RunnerConnection implements AutoCloseable {

    /** {@code lua_socket_buffer_size}'s default: one memory page. */
    private static final int COSOCKET_BUFFER = 4096;

    private final SocketChannel channel;
    private final ReadableByteChannel in;

    private RunnerConnection(SocketChannel channel) {
        this.channel = channel;
        this.in = Channels.newChannel(new BufferedInputStream(Channels.newInputStream(channel), COSOCKET_BUFFER));
    }

    public static RunnerConnection open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new RunnerConnection(channel);
    }

    /**
     * RPC_PREPARE_CONF: the conf token of a route's conf entries. Reads one answer frame, as APISIX does;
     * runner 0.4.0 sends the answer twice, so APISIX cannot reuse this connection afterwards.
     */
    public long prepareConf(java.util.List<Entry> conf, String key) throws IOException, RunnerErrorException {
        Frames.write(channel, Frames.RPC_PREPARE_CONF, A6Messages.prepareConf(conf, key));
        Frames.Frame frame = Frames.read(in);
        if (frame.type() == Frames.RPC_ERROR) {
            throw new RunnerErrorException(A6Messages.error(frame.payload()));
        }
        expect(frame, Frames.RPC_PREPARE_CONF);
        return A6Messages.confToken(frame.payload());
    }

    /**
     * RPC_HTTP_REQ_CALL, answering the runner's extra-info questions from {@code vars} on the way (an
     * unset variable or a body is answered without a result, as APISIX answers a nil).
     *
     * @return the runner's answer; an RPC_ERROR is returned as {@link RunnerAnswer.Error}
     */
    public RunnerAnswer call(long id, long confToken, PeerRequest request, Map<String, String> vars)
            throws IOException {
        Frames.write(channel, Frames.RPC_HTTP_REQ_CALL, A6Messages.httpReqCall(id, confToken, request));
        while (true) {
            Frames.Frame frame = Frames.read(in);
            switch (frame.type()) {
                case Frames.RPC_EXTRA_INFO:
                    String var = A6Messages.extraInfoVarName(frame.payload());
                    Frames.write(channel, Frames.RPC_EXTRA_INFO,
                            A6Messages.extraInfoAnswer(var == null ? null : vars.get(var)));
                    break;
                case Frames.RPC_ERROR:
                    return A6Messages.error(frame.payload());
                case Frames.RPC_HTTP_REQ_CALL:
                    A6Messages.CallResponse response = A6Messages.httpReqCallResponse(frame.payload());
                    if (response.id() != id) {
                        throw new IOException("runner answered request " + response.id() + " to request " + id);
                    }
                    return response.answer();
                default:
                    throw new IOException("failed to receive RPC_HTTP_REQ_CALL: unexpected type " + frame.type());
            }
        }
    }

    private static void expect(Frames.Frame frame, int type) throws IOException {
        if (frame.type() != type) {
            throw new IOException("expected RPC type " + type + ", got " + frame.type());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The runner answered RPC_ERROR where APISIX expected a result. */
    public static final class RunnerErrorException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient RunnerAnswer.Error error;

        RunnerErrorException(RunnerAnswer.Error error) {
            super("runner error code " + error.code());
            this.error = error;
        }

        public RunnerAnswer.Error error() {
            return error;
        }
    }
}
