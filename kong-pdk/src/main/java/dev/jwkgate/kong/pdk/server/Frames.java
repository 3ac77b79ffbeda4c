package dev.jwkgate.kong.pdk.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Kong's plugin-socket framing: a 4-byte little-endian unsigned length, then that many bytes.
 *
 * <p>Kong packs the length with lua_pack {@code "I"} (native order, little-endian on every platform
 * Kong ships for) and go-pdk hard-codes little-endian, so the order is fixed here too.
 */
final class Frames {

    /** Frames above this are refused: Kong's largest frames are configs and header maps, far smaller. */
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private static final byte[] EMPTY = new byte[0];

    private Frames() {
    }

    /**
     * Reads one frame.
     *
     * @return the payload, or null when the stream ended cleanly before a new frame began
     * @throws EOFException when the stream ends inside a frame
     */
    public static byte[] read(InputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        long length = (b0 & 0xffL) | (readByte(in) << 8) | (readByte(in) << 16) | (readByte(in) << 24);
        if (length > MAX_FRAME_BYTES) {
            throw new IOException("frame of " + length + " bytes exceeds " + MAX_FRAME_BYTES);
        }
        if (length == 0) {
            return EMPTY;
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new EOFException("stream ended inside a frame");
        }
        return payload;
    }

    /** Writes one frame without flushing, so a caller can send several frames in one write. */
    public static void write(OutputStream out, byte[] payload) throws IOException {
        int length = payload.length;
        out.write(length & 0xff);
        out.write((length >>> 8) & 0xff);
        out.write((length >>> 16) & 0xff);
        out.write((length >>> 24) & 0xff);
        out.write(payload);
    }

    private static long readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended inside a frame length");
        }
        return b & 0xffL;
    }
}
