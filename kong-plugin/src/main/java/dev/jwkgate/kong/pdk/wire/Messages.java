package dev.jwkgate.kong.pdk.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The argument and result messages of PDK callbacks: Kong's single-field wrappers ({@code String},
 * {@code Int}, {@code Bool}, {@code Number}), {@code KV}, {@code ExitArgs}, and conversions between
 * {@code google.protobuf.Value}/{@code Struct} and plain Java values.
 */
public final class Messages {

    private Messages() {
    }

    /** Writes fields into a message. */
    @FunctionalInterface
    public interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    public static byte[] encode(Body body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        try {
            body.write(out);
            out.flush();
        } catch (IOException e) {
            // writing into memory cannot fail; an UncheckedIOException would read as a lost connection
            throw new IllegalStateException(e);
        }
        return buffer.toByteArray();
    }

    /** {@code google.protobuf.Empty}: zero bytes. */
    public static byte[] empty() {
        return new byte[0];
    }

    public static byte[] string(String value) {
        return encode(out -> out.writeString(1, value));
    }

    public static byte[] int32(int value) {
        return encode(out -> out.writeInt32(1, value));
    }

    public static byte[] bool(boolean value) {
        return encode(out -> out.writeBool(1, value));
    }

    public static byte[] bytes(byte[] value) {
        return encode(out -> out.writeByteArray(1, value));
    }

    /** {@code KV{k, v}}, as {@code set_header} and {@code kong.ctx.shared.set} take it. */
    public static byte[] kv(String key, Object value) {
        return encode(out -> {
            out.writeString(1, key);
            out.writeByteArray(2, toValue(value).toByteArray());
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
                out.writeByteArray(3, toStruct(headers).toByteArray());
            }
        });
    }

    public static byte[] struct(Map<String, ?> map) {
        return toStruct(map).toByteArray();
    }

    /** {@code ListValue} of the arguments, as {@code kong.log.*} takes its varargs. */
    public static byte[] listValue(List<?> values) {
        ListValue.Builder list = ListValue.newBuilder();
        for (Object value : values) {
            list.addValues(toValue(value));
        }
        return list.build().toByteArray();
    }

    public static String decodeString(byte[] message) {
        return parse(message).string(1);
    }

    public static int decodeInt(byte[] message) {
        return (int) parse(message).varint(1);
    }

    public static boolean decodeBool(byte[] message) {
        return parse(message).varint(1) != 0;
    }

    public static double decodeNumber(byte[] message) {
        return parse(message).doubleValue(1);
    }

    public static byte[] decodeBytes(byte[] message) {
        return parse(message).bytes(1);
    }

    /** A {@code Struct} as a map of plain values (String, Double, Boolean, List, Map, null). */
    public static Map<String, Object> decodeStruct(byte[] message) {
        try {
            return fromStruct(Struct.parseFrom(message));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedMessageException("a Struct result could not be decoded", e);
        }
    }

    /** A {@code Value} as a plain value; an empty message is null. */
    public static Object decodeValue(byte[] message) {
        try {
            return fromValue(Value.parseFrom(message));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedMessageException("a Value result could not be decoded", e);
        }
    }

    /** Plain Java value to {@code Value}: null, Boolean, Number, CharSequence, Map, Iterable, or its text. */
    public static Value toValue(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof Boolean) {
            return Value.newBuilder().setBoolValue((Boolean) value).build();
        }
        if (value instanceof Number) {
            return Value.newBuilder().setNumberValue(((Number) value).doubleValue()).build();
        }
        if (value instanceof Map) {
            return Value.newBuilder().setStructValue(toStruct((Map<?, ?>) value)).build();
        }
        if (value instanceof Iterable) {
            ListValue.Builder list = ListValue.newBuilder();
            for (Object item : (Iterable<?>) value) {
                list.addValues(toValue(item));
            }
            return Value.newBuilder().setListValue(list).build();
        }
        if (value instanceof byte[]) {
            return Value.newBuilder().setStringValue(ByteString.copyFrom((byte[]) value).toStringUtf8()).build();
        }
        return Value.newBuilder().setStringValue(value.toString()).build();
    }

    private static Struct toStruct(Map<?, ?> map) {
        Struct.Builder struct = Struct.newBuilder();
        map.forEach((k, v) -> struct.putFields(String.valueOf(k), toValue(v)));
        return struct.build();
    }

    private static Map<String, Object> fromStruct(Struct struct) {
        Map<String, Object> out = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((k, v) -> out.put(k, fromValue(v)));
        return out;
    }

    private static Object fromValue(Value value) {
        switch (value.getKindCase()) {
            case BOOL_VALUE:
                return value.getBoolValue();
            case NUMBER_VALUE:
                return value.getNumberValue();
            case STRING_VALUE:
                return value.getStringValue();
            case STRUCT_VALUE:
                return fromStruct(value.getStructValue());
            case LIST_VALUE: {
                List<Object> out = new ArrayList<>();
                for (Value item : value.getListValue().getValuesList()) {
                    out.add(fromValue(item));
                }
                return out;
            }
            default:
                return null;
        }
    }

    private static Fields parse(byte[] message) {
        try {
            return Fields.parse(message);
        } catch (IOException e) {
            throw new MalformedMessageException("a PDK result could not be decoded", e);
        }
    }
}
