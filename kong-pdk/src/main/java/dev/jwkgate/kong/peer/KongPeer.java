package dev.jwkgate.kong.peer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Struct;
import com.google.protobuf.WireFormat;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plays Kong's side of the ProtoBuf:1 plugin socket, written from {@code kong/runloop/plugin_servers/rpc/pb_rpc.lua}
 * ({@code Rpc:call}, {@code read_frame}/{@code write_frame}, {@code call_pdk}), one instance per nginx worker:
 * <ul>
 *   <li>frames: 4-byte little-endian length ({@code lua_pack "I"} on x86_64/arm64), then the bytes;</li>
 *   <li>sequences: a per-worker counter, {@code msg_id + 1} per call, so the first is 2; the RpcReturn must echo it;</li>
 *   <li>connections: {@code ngx.socket.connect} from a LIFO keepalive pool, {@code setkeepalive} after the RpcReturn;</li>
 *   <li>bridge loop: read a method-name frame, stop on a 0-length one, else read the args frame, run the PDK, write the reply;</li>
 *   <li>{@code kong.response.exit} yields the coroutine: no reply, and the cosocket is dropped at the end of the request.</li>
 * </ul>
 * Not thread-safe, like a worker: use one peer per thread.
 */
public final class KongPeer implements AutoCloseable {

    private final Path socket;
    private final Deque<Connection> pool = new ArrayDeque<>();
    private long msgId;
    private int connectionsOpened;

    /** A worker that will connect to the plugin server listening on {@code socket}. */
    public KongPeer(Path socket) {
        this.socket = socket;
    }

    /** Sets the worker's counter, as after many earlier calls (for large sequence numbers). */
    public KongPeer withMessageCounter(long value) {
        this.msgId = value;
        return this;
    }

    /** {@code Rpc:call_start_instance}: returns {@code instance_status.instance_id}. */
    public int startInstance(String pluginName, String configJson) throws IOException {
        byte[] cmd = FakeKongPdk.encode(out -> {
            out.writeString(1, pluginName);
            out.writeByteArray(2, configJson.getBytes(StandardCharsets.UTF_8));
        });
        Map<Integer, Object> ret = simpleCall(33, cmd);
        if (!(ret.get(33) instanceof byte[] status)) {
            throw new IllegalStateException("RpcReturn without instance_status (field 33)");
        }
        return (int) varints(status).getOrDefault(2, 0L).longValue();
    }

    /** {@code Rpc:call_close_instance}. */
    public void closeInstance(int instanceId) throws IOException {
        simpleCall(35, FakeKongPdk.encode(out -> out.writeInt32(1, instanceId)));
    }

    /** The sequence of the last RpcReturn read, already checked against the call's. */
    public long lastSequence() {
        return msgId + 1;
    }

    /** How many sockets this worker opened (the rest were reused from the pool). */
    public int connectionsOpened() {
        return connectionsOpened;
    }

    /** {@code Rpc:handle_event}'s call with the bridge loop, serving PDK calls from {@code pdk}. */
    public EventOutcome handleEvent(int instanceId, String phase, FakeKongPdk pdk) throws IOException {
        long sequence = nextSequence();
        Connection c = connect();
        c.write(rpcCall(sequence, 36, FakeKongPdk.encode(out -> {
            out.writeInt32(1, instanceId);
            out.writeString(2, phase);
        })));
        while (true) {
            byte[] method = c.readFrame();
            if (method == null) {
                c.close();
                return EventOutcome.closed();
            }
            if (method.length == 0) {
                break;
            }
            byte[] args = c.readFrame();
            if (args == null) {
                c.close();
                return EventOutcome.closed();
            }
            String name = new String(method, StandardCharsets.UTF_8);
            if (name.equals("kong.response.exit")) {
                // _RESPONSE.exit stores the delayed response and yields: nothing is ever written back,
                // and the socket, never put back into the pool, is closed when the request ends
                c.close();
                return exitOutcome(args);
            }
            var reply = pdk.call(name, args);
            if (reply.isEmpty()) {
                c.close();
                return EventOutcome.kongError("pdk method " + name + " failed");
            }
            c.write(reply.get());
        }
        readReturn(c, sequence);
        pool.push(c);
        return EventOutcome.completed();
    }

    /** Sends raw bytes as one frame on a fresh connection and reports whether the server answered or closed. */
    public byte[] rawCallOnNewConnection(byte[] frame) throws IOException {
        try (Connection c = open()) {
            c.write(frame);
            return c.readFrame();
        }
    }

    /** An {@code RpcCall} message: the sequence, then the command in field {@code field} (33 StartInstance, 36 HandleEvent, …). */
    public static byte[] rpcCall(long sequence, int field, byte[] command) {
        return FakeKongPdk.encode(out -> {
            out.writeInt64(1, sequence);
            out.writeByteArray(field, command);
        });
    }

    private Map<Integer, Object> simpleCall(int field, byte[] command) throws IOException {
        long sequence = nextSequence();
        Connection c = connect();
        c.write(rpcCall(sequence, field, command));
        Map<Integer, Object> ret = readReturn(c, sequence);
        pool.push(c);
        return ret;
    }

    private long nextSequence() {
        msgId++;
        return msgId + 1;
    }

    private Map<Integer, Object> readReturn(Connection c, long sequence) throws IOException {
        byte[] frame = c.readFrame();
        if (frame == null) {
            c.close();
            throw new EOFException("closed");
        }
        Map<Integer, Object> fields = fields(frame);
        Object echoed = fields.getOrDefault(1, 0L);
        if (!echoed.equals(sequence)) {
            // Kong's own assert fails here: the request gets 500 inside Kong
            throw new IllegalStateException("assert(msg.sequence == msg_id) failed: sent " + sequence + ", got " + echoed);
        }
        return fields;
    }

    private Connection connect() throws IOException {
        Connection pooled = pool.poll();
        return pooled != null ? pooled : open();
    }

    private Connection open() throws IOException {
        connectionsOpened++;
        return new Connection(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    }

    private static EventOutcome exitOutcome(byte[] args) throws IOException {
        Map<Integer, Object> f = fields(args);
        int status = (int) (long) (Long) f.getOrDefault(1, 0L);
        byte[] body = (byte[]) f.getOrDefault(2, new byte[0]);
        Map<String, String> headers = new LinkedHashMap<>();
        if (f.get(3) instanceof byte[] struct) {
            Struct.parseFrom(struct).getFieldsMap().forEach((k, v) -> headers.put(k, v.getStringValue()));
        }
        return EventOutcome.exited(status, body, headers);
    }

    private static Map<Integer, Long> varints(byte[] message) throws IOException {
        Map<Integer, Long> out = new LinkedHashMap<>();
        fields(message).forEach((k, v) -> {
            if (v instanceof Long l) {
                out.put(k, l);
            }
        });
        return out;
    }

    private static Map<Integer, Object> fields(byte[] message) throws IOException {
        Map<Integer, Object> out = new LinkedHashMap<>();
        CodedInputStream in = CodedInputStream.newInstance(message);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int number = WireFormat.getTagFieldNumber(tag);
            switch (WireFormat.getTagWireType(tag)) {
                case WireFormat.WIRETYPE_VARINT -> out.put(number, in.readInt64());
                case WireFormat.WIRETYPE_LENGTH_DELIMITED -> out.put(number, in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        for (Connection c : pool) {
            c.close();
        }
        pool.clear();
    }

    /** One cosocket. */
    static final class Connection implements AutoCloseable {
        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;

        Connection(SocketChannel channel) {
            this.channel = channel;
            this.in = new BufferedInputStream(Channels.newInputStream(channel));
            this.out = Channels.newOutputStream(channel);
        }

        /** {@code write_frame}: {@code st_pack("I", #msg)} then the message. */
        void write(byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 4);
            int n = payload.length;
            frame.write(n & 0xff);
            frame.write((n >>> 8) & 0xff);
            frame.write((n >>> 16) & 0xff);
            frame.write((n >>> 24) & 0xff);
            frame.write(payload);
            out.write(frame.toByteArray());
            out.flush();
        }

        /** {@code read_frame}: {@code receive(4)}, unpack, {@code receive(len)}; null when the server closed. */
        byte[] readFrame() throws IOException {
            byte[] header = in.readNBytes(4);
            if (header.length < 4) {
                return null;
            }
            long length = (header[0] & 0xffL) | (header[1] & 0xffL) << 8 | (header[2] & 0xffL) << 16 | (header[3] & 0xffL) << 24;
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) {
                return null;
            }
            return body;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

}
