package dev.jwkgate.kong.pdk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What travels on Kong's socket for the PDK calls of one event, and when. */
class EventChannelTest {

    /** The bytes on the wire, cut at each flush: one element per write the kernel sees. */
    private static final class FlushRecorder extends FilterOutputStream {
        final List<byte[]> flushed = new ArrayList<>();

        FlushRecorder() {
            super(new ByteArrayOutputStream());
        }

        @Override
        public void flush() {
            ByteArrayOutputStream buffer = (ByteArrayOutputStream) out;
            flushed.add(buffer.toByteArray());
            buffer.reset();
        }
    }

    private static byte[] frames(String... payloads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String payload : payloads) {
            Frames.write(out, payload.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sentCallIsNotWrittenBeforeTheNextFlushAndWaitsForNothing() {
        FlushRecorder out = new FlushRecorder();
        EventChannel channel = new EventChannel(InputStream.nullInputStream(), out);

        channel.send("kong.service.request.set_headers", utf8("args"));

        assertThat(out.flushed).isEmpty();
    }

    @Test
    void sentCallsLeaveInOneWriteWithTheNextAwaitedCall() throws IOException {
        FlushRecorder out = new FlushRecorder();
        EventChannel channel = new EventChannel(new ByteArrayInputStream(frames("", "", "value")), out);

        channel.send("kong.log.info", utf8("a"));
        channel.send("kong.client.authenticate", utf8("b"));
        channel.call("kong.request.get_header", utf8("c"));

        assertThat(out.flushed).singleElement().isEqualTo(frames("kong.log.info", "a", "kong.client.authenticate", "b",
                "kong.request.get_header", "c"));
    }

    @Test
    void awaitedCallReturnsItsOwnResultAfterSkippingTheResultsOfEarlierSentCalls() throws IOException {
        byte[] kongReplies = frames("result of set_header", "result of log", "the header");
        EventChannel channel = new EventChannel(new ByteArrayInputStream(kongReplies), new FlushRecorder());

        channel.send("kong.service.request.set_header", utf8("a"));
        channel.send("kong.log.err", utf8("b"));

        assertThat(channel.call("kong.request.get_header", utf8("c"))).asString(StandardCharsets.UTF_8)
                .isEqualTo("the header");
    }

    @Test
    void resultsOfCallsSentLastAreSkippedSoThatTheNextRpcCallIsReadFromItsFirstByte() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(frames("", "", "next RpcCall"));
        EventChannel channel = new EventChannel(in, new FlushRecorder());
        channel.send("kong.service.request.set_headers", utf8("a"));
        channel.send("kong.client.authenticate", utf8("b"));

        channel.skipUnreadResults();

        assertThat(Frames.read(in)).asString(StandardCharsets.UTF_8).isEqualTo("next RpcCall");
    }

    @Test
    void terminalCallFlushesTheCallsSentBeforeIt() throws IOException {
        FlushRecorder out = new FlushRecorder();
        EventChannel channel = new EventChannel(InputStream.nullInputStream(), out);

        channel.send("kong.log.err", utf8("a"));
        channel.callTerminal("kong.response.exit", utf8("b"));

        assertThat(out.flushed).singleElement().isEqualTo(frames("kong.log.err", "a", "kong.response.exit", "b"));
        assertThat(channel.terminated()).isTrue();
    }

    @Test
    void kongDroppingTheConnectionBeforeTheSentCallsResultsIsAConnectionFailure() {
        EventChannel channel = new EventChannel(InputStream.nullInputStream(), new FlushRecorder());
        channel.send("kong.service.request.set_headers", utf8("a"));

        assertThatThrownBy(() -> channel.call("kong.request.get_header", utf8("b")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("Kong closed the connection");
    }

    @Test
    void sentCallsAreAwaitedOnceTooManyResultsWaitUnread() throws IOException {
        String[] replies = new String[EventChannel.MAX_UNREAD_RESULTS];
        java.util.Arrays.fill(replies, "");
        ByteArrayInputStream in = new ByteArrayInputStream(frames(replies));
        FlushRecorder out = new FlushRecorder();
        EventChannel channel = new EventChannel(in, out);

        for (int i = 0; i < EventChannel.MAX_UNREAD_RESULTS; i++) {
            channel.send("kong.log.debug", utf8("line " + i));
        }

        assertThat(out.flushed).hasSize(1);
        assertThat(in.available()).isZero();
    }

    @Test
    void sendAfterExitIsRefused() {
        EventChannel channel = new EventChannel(InputStream.nullInputStream(), new FlushRecorder());
        channel.callTerminal("kong.response.exit", utf8("a"));

        assertThatThrownBy(() -> channel.send("kong.log.err", utf8("b"))).isInstanceOf(IllegalStateException.class);
    }
}
