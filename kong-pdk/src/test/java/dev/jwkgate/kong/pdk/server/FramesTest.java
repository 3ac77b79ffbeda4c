package dev.jwkgate.kong.pdk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void writesTheLengthAsLittleEndianUint32BeforeThePayload() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.write(out, new byte[0x0102]);
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 4)).containsExactly(0x02, 0x01, 0x00, 0x00);
        assertThat(bytes).hasSize(4 + 0x0102);
    }

    @Test
    void zeroLengthFrameIsAnEmptyPayloadNotTheEndOfTheStream() throws IOException {
        byte[] payload = Frames.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 0}));
        assertThat(payload).isEmpty();
    }

    @Test
    void cleanEndOfStreamBetweenFramesReadsAsNull() throws IOException {
        assertThat(Frames.read(new ByteArrayInputStream(new byte[0]))).isNull();
    }

    @Test
    void frameLargerThan64KibRoundTrips() throws IOException {
        byte[] payload = new byte[70_000];
        Arrays.fill(payload, (byte) 7);
        payload[69_999] = 9;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.write(out, payload);
        assertThat(Arrays.copyOf(out.toByteArray(), 4)).containsExactly(0x70, 0x11, 0x01, 0x00);
        assertThat(Frames.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(payload);
    }

    @Test
    void streamEndingInsideAFrameIsAnError() {
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {5, 0, 0, 0, 1, 2})))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void refusesAFrameLongerThanTheLimit() {
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 0x40})))
                .isInstanceOf(IOException.class).hasMessageContaining("exceeds");
    }
}
