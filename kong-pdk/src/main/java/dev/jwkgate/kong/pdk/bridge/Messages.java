package dev.jwkgate.kong.pdk.bridge;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import com.google.protobuf.WireFormat;
import dev.jwkgate.kong.pdk.protocol.KongProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The argument and result messages of PDK callbacks: Kong's single-field wrappers ({@code String},
 * {@code Int}, {@code Bool}, {@code Number}, {@code ByteString}) through the classes protoc generates from
 * {@code src/main/protobuf}, and {@code google.protobuf.Struct}/{@code Value}/{@code ListValue} between bytes and
 * plain Java values through the hand-written {@link StructCodec}: the benchmarks module's
 * {@code KongMessageCodecs} measured it allocating 1.6 times (decoding a header table) to 6.8 times (encoding
 * {@code set_headers}) less than the generated classes, and up to twice as fast.
 * {@code KV} and {@code ExitArgs} carry a Value or a Struct, so they are written around that codec.
 */
public final class Messages {

    private Messages() {
    }

    /** Writes fields into a message. */
    @FunctionalInterface
    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    /** Per-thread room to encode a message before copying out exactly its bytes. */
    private static final class Scratch {
        final byte[] bytes = new byte[8 * 1024];
        /** Set while a message is encoded: a message built inside another one gets a buffer of its own. */
        boolean inUse;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Encodes a message into a byte array of exactly its size. A message is encoded on every PDK call, so
     * this writes into a per-thread buffer instead of allocating a stream and a 4 KiB encoder buffer each
     * time; larger messages, and messages encoded while building another, take the allocating path.
     */
    static byte[] encode(Body body) {
        Scratch scratch = SCRATCH.get();
        if (scratch.inUse) {
            return encodeLarge(body);
        }
        scratch.inUse = true;
        CodedOutputStream out = CodedOutputStream.newInstance(scratch.bytes);
        try {
            body.write(out);
            return Arrays.copyOf(scratch.bytes, out.getTotalBytesWritten());
        } catch (CodedOutputStream.OutOfSpaceException tooLarge) {
            return encodeLarge(body);
        } catch (IOException e) {
            // writing into memory cannot fail; an UncheckedIOException would read as a lost connection
            throw new IllegalStateException(e);
        } finally {
            scratch.inUse = false;
        }
    }

    private static byte[] encodeLarge(Body body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        try {
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return buffer.toByteArray();
    }

    /** {@code google.protobuf.Empty}: zero bytes. */
    public static byte[] empty() {
        return new byte[0];
    }

    public static byte[] string(String value) {
        return KongProtocol.String.newBuilder().setV(ByteString.copyFromUtf8(value)).build().toByteArray();
    }

    public static byte[] int32(int value) {
        return KongProtocol.Int.newBuilder().setV(value).build().toByteArray();
    }

    /** Kong raises a Lua error (answering 500) for a count outside 1..1000, so counts are clamped into it. */
    public static final int MAX_ARGS_LIMIT = 1000;

    /** The {@code Int} count of {@code get_headers}/{@code get_query}, clamped into the range Kong accepts. */
    public static byte[] maxArgs(int max) {
        return int32(Math.max(1, Math.min(MAX_ARGS_LIMIT, max)));
    }

    public static byte[] bool(boolean value) {
        return KongProtocol.Bool.newBuilder().setV(value).build().toByteArray();
    }

    public static byte[] bytes(byte[] value) {
        return KongProtocol.ByteString.newBuilder().setV(ByteString.copyFrom(value)).build().toByteArray();
    }

    /** {@code KV{k, v}}, as {@code set_header} and {@code kong.ctx.shared.set} take it. */
    public static byte[] kv(String key, Object value) {
        return encode(out -> {
            out.writeString(1, key);
            out.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(StructCodec.valueSize(value));
            StructCodec.writeValue(out, value);
        });
    }

    /** {@code ExitArgs{status, body, headers}}. */
    public static byte[] exitArgs(int status, byte[] body, Map<String, ?> headers) {
        return encode(out -> {
            out.writeInt32(1, status);
            if (body != null && body.length > 0) {
                out.writeByteArray(2, body);
            }
            if (headers != null && !headers.isEmpty()) {
                out.writeTag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(StructCodec.structSize(headers));
                StructCodec.writeStruct(out, headers);
            }
        });
    }

    public static byte[] struct(Map<String, ?> map) {
        return encode(out -> StructCodec.writeStruct(out, map));
    }

    /** {@code ListValue} of the arguments, as {@code kong.log.*} takes its varargs. */
    public static byte[] listValue(List<?> values) {
        return encode(out -> StructCodec.writeList(out, values));
    }

    /** A {@code String} result; bytes that are not UTF-8 read as U+FFFD, as Kong hands any Lua string over. */
    public static String decodeString(byte[] message) {
        return parse(message, KongProtocol.String.parser()).getV().toStringUtf8();
    }

    public static int decodeInt(byte[] message) {
        return parse(message, KongProtocol.Int.parser()).getV();
    }

    public static boolean decodeBool(byte[] message) {
        return parse(message, KongProtocol.Bool.parser()).getV();
    }

    public static double decodeNumber(byte[] message) {
        return parse(message, KongProtocol.Number.parser()).getV();
    }

    public static byte[] decodeBytes(byte[] message) {
        return parse(message, KongProtocol.ByteString.parser()).getV().toByteArray();
    }

    /** Any generated message; a result that does not decode ends the event with a 500. */
    public static <T> T parse(byte[] message, Parser<T> parser) {
        try {
            return parser.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedMessageException("a PDK result could not be decoded", e);
        }
    }

    /** A {@code Struct} as a map of plain values (String, Double, Boolean, List, Map, null). */
    public static Map<String, Object> decodeStruct(byte[] message) {
        try {
            return StructCodec.readStruct(CodedInputStream.newInstance(message));
        } catch (IOException e) {
            throw new MalformedMessageException("a Struct result could not be decoded", e);
        }
    }

    /** A {@code Value} as a plain value; an empty message is null. */
    public static Object decodeValue(byte[] message) {
        try {
            return StructCodec.readValue(CodedInputStream.newInstance(message));
        } catch (IOException e) {
            throw new MalformedMessageException("a Value result could not be decoded", e);
        }
    }
}
