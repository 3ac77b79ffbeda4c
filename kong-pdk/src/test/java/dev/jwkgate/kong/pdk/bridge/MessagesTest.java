package dev.jwkgate.kong.pdk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void exitArgsCarryStatusBodyAndHeadersStruct() throws IOException {
        byte[] bytes = Messages.exitArgs(401, "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("WWW-Authenticate", "Bearer", "Content-Type", "application/json"));
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        int status = 0;
        String body = null;
        Struct headers = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> status = in.readInt32();
                case 2 -> body = in.readBytes().toStringUtf8();
                case 3 -> headers = Struct.parseFrom(in.readBytes());
                default -> in.skipField(tag);
            }
        }
        assertThat(status).isEqualTo(401);
        assertThat(body).isEqualTo("{}");
        assertThat(headers.getFieldsMap().get("WWW-Authenticate").getStringValue()).isEqualTo("Bearer");
        assertThat(headers.getFieldsMap().get("Content-Type").getStringValue()).isEqualTo("application/json");
    }

    @Test
    void textResultThatIsNotUtf8ReadsWithReplacementCharactersRatherThanFailingTheEvent() {
        // lua-protobuf writes a Lua string as it is: a header value may carry any byte
        assertThat(Messages.decodeString(new byte[] {0x0a, 0x02, 'a', (byte) 0xff})).isEqualTo("a\uFFFD");
    }

    @Test
    void emptyReplyDecodesAsEmptyString() {
        assertThat(Messages.decodeString(new byte[0])).isEmpty();
    }

    @Test
    void headerTableKeepsSingleAndRepeatedValues() {
        Struct struct = Struct.newBuilder()
                .putFields("authorization", Value.newBuilder().setStringValue("Bearer x").build())
                .putFields("x-many", Value.newBuilder().setListValue(ListValue.newBuilder()
                        .addValues(Value.newBuilder().setStringValue("a"))
                        .addValues(Value.newBuilder().setStringValue("b"))).build())
                .build();
        Map<String, Object> decoded = Messages.decodeStruct(struct.toByteArray());
        assertThat(decoded).containsEntry("authorization", "Bearer x").containsEntry("x-many", List.of("a", "b"));
    }

    @Test
    void missingSharedValueIsNullValue() {
        assertThat(Messages.decodeValue(new byte[] {0x08, 0x01})).isNull();
    }

    @Test
    void logArgumentsAreAListOfValues() throws IOException {
        ListValue list = ListValue.parseFrom(Messages.listValue(List.of("a", 1)));
        assertThat(list.getValues(0).getStringValue()).isEqualTo("a");
        assertThat(list.getValues(1).getNumberValue()).isEqualTo(1.0);
    }
}
