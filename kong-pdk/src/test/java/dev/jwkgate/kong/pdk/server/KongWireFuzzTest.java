package dev.jwkgate.kong.pdk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwkgate.kong.pdk.bridge.MalformedMessageException;
import dev.jwkgate.kong.pdk.bridge.Messages;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzz targets for the Kong plugin-socket decoding: the frames and {@code RpcCall}s Kong sends, and the PDK
 * results it answers with. Whatever the bytes, decoding ends in a value or in the one exception the server
 * handles for it (an {@link IOException} drops the connection, a {@link MalformedMessageException} ends the event
 * with a 500); never in another exception, and never reading more than was sent.
 *
 * <p>Seeds: {@code src/test/resources/dev/jwkgate/kong/pdk/wire/KongWireFuzzTestInputs/<method>/}.
 */
class KongWireFuzzTest {

    @FuzzTest
    void anyByteStreamFromKongReadsAsCallsOrFailsWithAnIoException(byte[] stream) {
        ByteArrayInputStream in = new ByteArrayInputStream(stream);
        int frames = 0;
        try {
            byte[] frame;
            while ((frame = Frames.read(in)) != null) {
                frames++;
                assertThat(frame.length).isLessThanOrEqualTo(stream.length - 4 * frames);
                RpcCall call = RpcCall.parse(frame);
                assertThat(call.command()).isNotNull();
                if (call.command() instanceof RpcCall.StartInstance start) {
                    assertThat(start.config().length).isLessThan(frame.length);
                }
            }
        } catch (IOException droppedConnection) {
            assertThat(droppedConnection.getMessage()).isNotNull();
        }
    }

    @FuzzTest
    void anyPdkResultDecodesOrFailsAsMalformed(FuzzedDataProvider data) {
        int decoder = data.consumeInt(0, 6);
        byte[] message = data.consumeRemainingAsBytes();
        try {
            Object decoded = switch (decoder) {
                case 0 -> Messages.decodeString(message);
                case 1 -> Messages.decodeInt(message);
                case 2 -> Messages.decodeBool(message);
                case 3 -> Messages.decodeNumber(message);
                case 4 -> Messages.decodeBytes(message);
                case 5 -> Messages.decodeStruct(message);
                default -> Messages.decodeValue(message);
            };
            if (decoder == 5) {
                assertThat(decoded).isNotNull();
            }
        } catch (MalformedMessageException malformed) {
            assertThat(malformed.getCause()).isInstanceOf(IOException.class);
        }
    }
}
