package dev.jwkgate.kong.pdk.bridge;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code google.protobuf.Struct}, {@code Value} and {@code ListValue} coded straight between bytes and plain
 * Java values (String, Double, Boolean, List, Map, null). Header tables cross the plugin socket on every
 * request; going through protobuf-java's message objects and builders cost a copy of every entry each way.
 *
 * <p>Field numbers from {@code google/protobuf/struct.proto}: Struct {1: map&lt;string, Value&gt; fields};
 * Value oneof {1 null_value (enum), 2 number_value (double), 3 string_value, 4 bool_value, 5 struct_value,
 * 6 list_value}; ListValue {1: repeated Value values}. A map entry is a message {1: key, 2: value}. Decoding
 * follows protobuf's rules: the last of several oneof fields wins, a repeated map key keeps its last value,
 * and fields of an unexpected number or wire type are skipped.
 */
final class StructCodec {

    private static final int STRUCT_FIELDS = 1;
    private static final int ENTRY_KEY = 1;
    private static final int ENTRY_VALUE = 2;
    private static final int NULL_VALUE = 1;
    private static final int NUMBER_VALUE = 2;
    private static final int STRING_VALUE = 3;
    private static final int BOOL_VALUE = 4;
    private static final int STRUCT_VALUE = 5;
    private static final int LIST_VALUE = 6;
    private static final int LIST_VALUES = 1;
    /** protobuf-java's default nesting limit: a deeper message is refused rather than overflowing the stack. */
    private static final int MAX_DEPTH = 100;
    private static final int STRUCT_FIELDS_TAG = delimitedTag(STRUCT_FIELDS);
    private static final int ENTRY_KEY_TAG = delimitedTag(ENTRY_KEY);
    private static final int ENTRY_VALUE_TAG = delimitedTag(ENTRY_VALUE);
    private static final int LIST_VALUES_TAG = delimitedTag(LIST_VALUES);

    private StructCodec() {
    }

    // ---- encoding: sizes first, since every nested message is prefixed with its length ----

    /** Writes the fields of a Struct (the message body, without a length prefix). */
    static void writeStruct(CodedOutputStream out, Map<?, ?> map) throws IOException {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = plain(e.getValue());
            out.writeTag(STRUCT_FIELDS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(entrySize(key, value));
            out.writeString(ENTRY_KEY, key);
            writeNested(out, ENTRY_VALUE, value);
        }
    }

    /** Writes the fields of a ListValue. */
    static void writeList(CodedOutputStream out, Iterable<?> items) throws IOException {
        for (Object item : items) {
            writeNested(out, LIST_VALUES, plain(item));
        }
    }

    /** Writes the fields of a Value. */
    static void writeValue(CodedOutputStream out, Object value) throws IOException {
        value = plain(value);
        if (value == null) {
            out.writeEnum(NULL_VALUE, 0);
        } else if (value instanceof Boolean b) {
            out.writeBool(BOOL_VALUE, b);
        } else if (value instanceof Number n) {
            out.writeDouble(NUMBER_VALUE, n.doubleValue());
        } else if (value instanceof Map<?, ?> m) {
            out.writeTag(STRUCT_VALUE, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(structSize(m));
            writeStruct(out, m);
        } else if (value instanceof Iterable<?> list) {
            out.writeTag(LIST_VALUE, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(listSize(list));
            writeList(out, list);
        } else {
            out.writeString(STRING_VALUE, (String) value);
        }
    }

    static int structSize(Map<?, ?> map) {
        int size = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            size += delimitedSize(STRUCT_FIELDS, entrySize(String.valueOf(e.getKey()), plain(e.getValue())));
        }
        return size;
    }

    static int listSize(Iterable<?> items) {
        int size = 0;
        for (Object item : items) {
            size += delimitedSize(LIST_VALUES, valueSize(plain(item)));
        }
        return size;
    }

    static int valueSize(Object value) {
        value = plain(value);
        if (value == null) {
            return CodedOutputStream.computeEnumSize(NULL_VALUE, 0);
        } else if (value instanceof Boolean b) {
            return CodedOutputStream.computeBoolSize(BOOL_VALUE, b);
        } else if (value instanceof Number n) {
            return CodedOutputStream.computeDoubleSize(NUMBER_VALUE, n.doubleValue());
        } else if (value instanceof Map<?, ?> m) {
            return delimitedSize(STRUCT_VALUE, structSize(m));
        } else if (value instanceof Iterable<?> list) {
            return delimitedSize(LIST_VALUE, listSize(list));
        }
        return CodedOutputStream.computeStringSize(STRING_VALUE, (String) value);
    }

    private static int entrySize(String key, Object value) {
        return CodedOutputStream.computeStringSize(ENTRY_KEY, key) + delimitedSize(ENTRY_VALUE, valueSize(value));
    }

    private static void writeNested(CodedOutputStream out, int field, Object value) throws IOException {
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(valueSize(value));
        writeValue(out, value);
    }

    private static int delimitedSize(int field, int length) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }

    /** The value as one of the kinds a Value holds: null, Boolean, Number, Map, Iterable, or else its text. */
    private static Object plain(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Number || value instanceof Map
                || value instanceof Iterable || value instanceof String) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    // ---- decoding ----

    static Map<String, Object> readStruct(CodedInputStream in) throws IOException {
        return readStruct(in, 0);
    }

    static Object readValue(CodedInputStream in) throws IOException {
        return readValue(in, 0);
    }

    private static Map<String, Object> readStruct(CodedInputStream in, int depth) throws IOException {
        checkDepth(depth);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag != STRUCT_FIELDS_TAG) {
                in.skipField(tag);
                continue;
            }
            int limit = in.pushLimit(in.readRawVarint32());
            String key = "";
            Object value = null;
            for (int t = in.readTag(); t != 0; t = in.readTag()) {
                if (t == ENTRY_KEY_TAG) {
                    key = in.readStringRequireUtf8();
                } else if (t == ENTRY_VALUE_TAG) {
                    value = readNestedValue(in, depth);
                } else {
                    in.skipField(t);
                }
            }
            in.popLimit(limit);
            out.put(key, value);
        }
        return out;
    }

    private static Object readValue(CodedInputStream in, int depth) throws IOException {
        checkDepth(depth);
        Object value = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int type = WireFormat.getTagWireType(tag);
            if (field == NULL_VALUE && type == WireFormat.WIRETYPE_VARINT) {
                in.readEnum();
                value = null;
            } else if (field == NUMBER_VALUE && type == WireFormat.WIRETYPE_FIXED64) {
                value = in.readDouble();
            } else if (field == STRING_VALUE && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                value = in.readStringRequireUtf8();
            } else if (field == BOOL_VALUE && type == WireFormat.WIRETYPE_VARINT) {
                value = in.readBool();
            } else if (field == STRUCT_VALUE && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                value = readStruct(in, depth + 1);
                in.popLimit(limit);
            } else if (field == LIST_VALUE && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                value = readList(in, depth + 1);
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return value;
    }

    private static List<Object> readList(CodedInputStream in, int depth) throws IOException {
        List<Object> out = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == LIST_VALUES_TAG) {
                out.add(readNestedValue(in, depth));
            } else {
                in.skipField(tag);
            }
        }
        return out;
    }

    private static Object readNestedValue(CodedInputStream in, int depth) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        Object value = readValue(in, depth + 1);
        in.popLimit(limit);
        return value;
    }

    private static int delimitedTag(int field) {
        return (field << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    private static void checkDepth(int depth) throws InvalidProtocolBufferException {
        if (depth > MAX_DEPTH) {
            throw new InvalidProtocolBufferException("a Struct nested deeper than " + MAX_DEPTH);
        }
    }
}
