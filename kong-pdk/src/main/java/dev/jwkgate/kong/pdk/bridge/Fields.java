package dev.jwkgate.kong.pdk.bridge;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The scalar fields of one small protobuf message, last value wins as protobuf requires.
 *
 * <p>Proto3 leaves zero values off the wire, so an absent field reads as 0, "" or empty bytes.
 */
public final class Fields {

    private final Map<Integer, Long> varints = new HashMap<>();
    private final Map<Integer, Long> fixed64 = new HashMap<>();
    private final Map<Integer, byte[]> delimited = new HashMap<>();

    private Fields() {
    }

    public static Fields parse(byte[] message) throws IOException {
        Fields fields = new Fields();
        CodedInputStream in = CodedInputStream.newInstance(message);
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return fields;
            }
            int number = WireFormat.getTagFieldNumber(tag);
            switch (WireFormat.getTagWireType(tag)) {
                case WireFormat.WIRETYPE_VARINT:
                    fields.varints.put(number, in.readRawVarint64());
                    break;
                case WireFormat.WIRETYPE_FIXED64:
                    fields.fixed64.put(number, in.readRawLittleEndian64());
                    break;
                case WireFormat.WIRETYPE_LENGTH_DELIMITED:
                    fields.delimited.put(number, in.readByteArray());
                    break;
                default:
                    in.skipField(tag);
            }
        }
    }

    public long varint(int number) {
        return varints.getOrDefault(number, 0L);
    }

    public double doubleValue(int number) {
        return Double.longBitsToDouble(fixed64.getOrDefault(number, 0L));
    }

    public byte[] bytes(int number) {
        return delimited.getOrDefault(number, new byte[0]);
    }

    public String string(int number) {
        return new String(bytes(number), StandardCharsets.UTF_8);
    }
}
