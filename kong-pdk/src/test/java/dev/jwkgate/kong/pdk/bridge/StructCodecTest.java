package dev.jwkgate.kong.pdk.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.jwkgate.kong.pdk.protocol.KongProtocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hand-coded Struct/Value codec agrees with protobuf-java's generated {@code google.protobuf} classes,
 * which serve as the reference here, in both directions.
 */
class StructCodecTest {

    /** Every kind a Value holds, nested, with the edge values protobuf treats specially (0, "", false). */
    private static Map<String, Object> everyKind() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("deep", List.of("x", 2.5));
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("text", "Bearer eyJ.x.y");
        table.put("empty", "");
        table.put("unicode", "Zoë – 東京");
        table.put("zero", 0.0);
        table.put("number", -1.25e300);
        table.put("yes", true);
        table.put("no", false);
        table.put("nothing", null);
        table.put("list", Arrays.asList("a", "", null, false, List.of()));
        table.put("emptyList", List.of());
        table.put("object", nested);
        table.put("emptyObject", Map.of());
        table.put("", "empty key");
        return table;
    }

    @Test
    void encodedStructParsesWithProtobufJavaAsTheSameStruct() throws Exception {
        Map<String, Object> table = everyKind();
        assertThat(Struct.parseFrom(Messages.struct(table))).isEqualTo(reference(table));
    }

    @Test
    void structSerializedByProtobufJavaDecodesToTheSameValues() {
        Map<String, Object> table = everyKind();
        assertThat(Messages.decodeStruct(reference(table).toByteArray())).isEqualTo(table);
    }

    @Test
    void keyValueCarriesItsValueAsAProtobufValue() throws Exception {
        byte[] kv = Messages.kv("k", List.of("a", 1));
        Value expected = referenceValue(List.of("a", 1));
        byte[] reference = Messages.encode(out -> {
            out.writeString(1, "k");
            out.writeByteArray(2, expected.toByteArray());
        });
        assertThat(kv).isEqualTo(reference);
    }

    @Test
    void keyValueParsesAsKongsKvMessageWithTheSameValue() throws Exception {
        KongProtocol.KV kv = KongProtocol.KV.parseFrom(Messages.kv("k", everyKind()));
        assertThat(kv).isEqualTo(KongProtocol.KV.newBuilder().setK("k")
                .setV(Value.newBuilder().setStructValue(reference(everyKind()))).build());
    }

    @Test
    void exitArgsParseAsKongsExitArgsMessage() throws Exception {
        Map<String, Object> headers = Map.of("Content-Type", "application/json", "WWW-Authenticate", "Bearer");
        KongProtocol.ExitArgs exit = KongProtocol.ExitArgs.parseFrom(
                Messages.exitArgs(401, "{}".getBytes(StandardCharsets.UTF_8), headers));
        assertThat(exit).isEqualTo(KongProtocol.ExitArgs.newBuilder().setStatus(401)
                .setBody(ByteString.copyFromUtf8("{}")).setHeaders(reference(headers)).build());
    }

    @Test
    void exitWithoutBodyOrHeadersCarriesTheStatusAlone() throws Exception {
        assertThat(KongProtocol.ExitArgs.parseFrom(Messages.exitArgs(204, null, Map.of())))
                .isEqualTo(KongProtocol.ExitArgs.newBuilder().setStatus(204).build());
    }

    @Test
    void listOfValuesParsesWithProtobufJavaAsTheSameList() throws Exception {
        List<Object> values = Arrays.asList("a", 1.0, true, null, Map.of("k", "v"));
        assertThat(ListValue.parseFrom(Messages.listValue(values)))
                .isEqualTo(referenceValue(values).getListValue());
    }

    @Test
    void lastOfSeveralOneofFieldsWins() {
        byte[] stringThenNumber = concat(Value.newBuilder().setStringValue("first").build().toByteArray(),
                Value.newBuilder().setNumberValue(7).build().toByteArray());
        assertThat(Messages.decodeValue(stringThenNumber)).isEqualTo(7.0);
    }

    @Test
    void repeatedKeyKeepsItsLastValue() {
        byte[] twice = concat(Struct.newBuilder().putFields("k", referenceValue("old")).build().toByteArray(),
                Struct.newBuilder().putFields("k", referenceValue("new")).build().toByteArray());
        assertThat(Messages.decodeStruct(twice)).containsExactly(Map.entry("k", "new"));
    }

    @Test
    void structNestedDeeperThanProtobufsLimitIsRefusedAsMalformed() {
        Value value = referenceValue("leaf");
        for (int i = 0; i < 200; i++) {
            value = Value.newBuilder().setListValue(ListValue.newBuilder().addValues(value)).build();
        }
        byte[] deep = Struct.newBuilder().putFields("k", value).build().toByteArray();
        assertThatThrownBy(() -> Messages.decodeStruct(deep)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void truncatedStructIsRefusedAsMalformed() {
        byte[] whole = reference(everyKind()).toByteArray();
        assertThatThrownBy(() -> Messages.decodeStruct(Arrays.copyOf(whole, whole.length - 3)))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void messageEncodedWhileBuildingAnotherLeavesBothIntact() throws Exception {
        byte[] outer = Messages.encode(out -> {
            out.writeString(1, "before");
            out.writeByteArray(2, Messages.string("inner"));
            out.writeString(3, "after");
        });
        assertThat(outer).isEqualTo(concat(Messages.encode(out -> out.writeString(1, "before")),
                Messages.encode(out -> out.writeByteArray(2, Messages.string("inner"))),
                Messages.encode(out -> out.writeString(3, "after"))));
    }

    @Test
    void messageLargerThanTheEncodingBufferIsEncodedWhole() {
        String large = "v".repeat(70_000);
        assertThat(Messages.decodeString(Messages.string(large))).isEqualTo(large);
    }

    // ---- the reference: protobuf-java's own classes ----

    private static Struct reference(Map<String, Object> table) {
        Struct.Builder struct = Struct.newBuilder();
        table.forEach((k, v) -> struct.putFields(k, referenceValue(v)));
        return struct.build();
    }

    @SuppressWarnings("unchecked")
    private static Value referenceValue(Object v) {
        if (v == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (v instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (v instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        if (v instanceof Map<?, ?> m) {
            return Value.newBuilder().setStructValue(reference((Map<String, Object>) m)).build();
        }
        if (v instanceof List<?> list) {
            ListValue.Builder values = ListValue.newBuilder();
            list.forEach(item -> values.addValues(referenceValue(item)));
            return Value.newBuilder().setListValue(values).build();
        }
        return Value.newBuilder().setStringValue((String) v).build();
    }

    private static byte[] concat(byte[]... parts) {
        List<Byte> all = new ArrayList<>();
        for (byte[] part : parts) {
            for (byte b : part) {
                all.add(b);
            }
        }
        byte[] out = new byte[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
