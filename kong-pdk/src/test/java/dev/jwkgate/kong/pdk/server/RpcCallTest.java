package dev.jwkgate.kong.pdk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Field numbers as in kong/include/kong/pluginsocket.proto, encoded here independently of the codec. */
class RpcCallTest {

    @Test
    void decodesStartInstanceWithNameAndConfigBytes() throws IOException {
        byte[] cmd = message(out -> {
            out.writeString(1, "jwkgate");
            out.writeByteArray(2, "{\"__seq__\":3}".getBytes(StandardCharsets.UTF_8));
        });
        RpcCall call = RpcCall.parse(message(out -> {
            out.writeInt64(1, 2);
            out.writeByteArray(33, cmd);
        }));
        assertThat(call.sequence()).isEqualTo(2);
        RpcCall.StartInstance start = (RpcCall.StartInstance) call.command();
        assertThat(start.name()).isEqualTo("jwkgate");
        assertThat(new String(start.config(), StandardCharsets.UTF_8)).isEqualTo("{\"__seq__\":3}");
    }

    @Test
    void decodesHandleEventWithInstanceIdAndEventName() throws IOException {
        byte[] cmd = message(out -> {
            out.writeInt32(1, 7);
            out.writeString(2, "access");
        });
        RpcCall call = RpcCall.parse(message(out -> {
            out.writeInt64(1, 5_000_000_000L);
            out.writeByteArray(36, cmd);
        }));
        assertThat(call.sequence()).isEqualTo(5_000_000_000L);
        assertThat(call.command()).isEqualTo(new RpcCall.HandleEvent(7, "access"));
    }

    @Test
    void decodesCloseInstance() throws IOException {
        RpcCall call = RpcCall.parse(message(out -> {
            out.writeInt64(1, 9);
            out.writeByteArray(35, message(c -> c.writeInt32(1, 4)));
        }));
        assertThat(call.command()).isEqualTo(new RpcCall.CloseInstance(4));
    }

    @Test
    void callsKongNeverSendsAreRecognisedAsOther() throws IOException {
        RpcCall call = RpcCall.parse(message(out -> {
            out.writeInt64(1, 3);
            out.writeByteArray(31, new byte[0]);
        }));
        assertThat(call.command()).isEqualTo(new RpcCall.Other(31));
    }

    @Test
    void instanceStatusReturnEchoesSequenceAndCarriesIdInField33() throws IOException {
        byte[] bytes = RpcReturns.instanceStatus(2, "jwkgate", 1, 1_700_000_000L);
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long sequence = -1;
        int instanceId = -1;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                sequence = in.readInt64();
            } else if (WireFormat.getTagFieldNumber(tag) == 33) {
                CodedInputStream status = CodedInputStream.newInstance(in.readByteArray());
                for (int t = status.readTag(); t != 0; t = status.readTag()) {
                    if (WireFormat.getTagFieldNumber(t) == 2) {
                        instanceId = status.readInt32();
                    } else {
                        status.skipField(t);
                    }
                }
            } else {
                in.skipField(tag);
            }
        }
        assertThat(sequence).isEqualTo(2);
        assertThat(instanceId).isEqualTo(1);
    }

    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Body body) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buffer);
        body.write(out);
        out.flush();
        return buffer.toByteArray();
    }
}
