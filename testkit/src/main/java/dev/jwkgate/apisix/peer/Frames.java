package dev.jwkgate.apisix.peer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The ext-plugin framing, as {@code send}/{@code receive} in APISIX's
 * {@code apisix/plugins/ext-plugin/init.lua}: one type byte, a 3-byte big-endian payload length, then
 * the FlatBuffers payload.
 */
public final class Frames {

    public static final int RPC_ERROR = 0;
    public static final int RPC_PREPARE_CONF = 1;
    public static final int RPC_HTTP_REQ_CALL = 2;
    public static final int RPC_EXTRA_INFO = 3;
    public static final int RPC_HTTP_RESP_CALL = 4;

    /** {@code MAX_DATA_SIZE} in init.lua: the length has to fit in three bytes. */
    public static final int MAX_PAYLOAD = (1 << 24) - 1;

    private Frames() {
    }

    /** One frame as read from the socket. */
    public record Frame(int type, ByteBuffer payload) {
    }

    public static void write(WritableByteChannel channel, int type, ByteBuffer payload) throws IOException {
        int length = payload.remaining();
        if (length > MAX_PAYLOAD) {
            throw new IOException("the max length of data is " + MAX_PAYLOAD + " but got " + length);
        }
        ByteBuffer frame = ByteBuffer.allocate(4 + length);
        frame.put((byte) type).put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length);
        frame.put(payload.duplicate()).flip();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
    }

    public static Frame read(ReadableByteChannel channel) throws IOException {
        ByteBuffer header = readFully(channel, 4);
        int type = header.get() & 0xff;
        int length = ((header.get() & 0xff) << 16) | ((header.get() & 0xff) << 8) | (header.get() & 0xff);
        return new Frame(type, readFully(channel, length));
    }

    private static ByteBuffer readFully(ReadableByteChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("runner closed the connection after " + buffer.position() + " of "
                        + length + " bytes");
            }
        }
        return buffer.flip();
    }
}
