package dev.jwkgate.kong.pdk.server;

import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * PDK callbacks of one event, on the connection that carried the HandleEvent: each call writes the
 * method-name frame and the argument frame, and Kong answers each with one result frame.
 *
 * <p>Kong's bridge loop reads a method frame, runs the method, writes its result and only then reads the next
 * frame, so calls written ahead of their results are served in order. A {@linkplain #send sent} call is therefore
 * only buffered: it leaves with the next flush (the next awaited call, a terminal call or the end of the event),
 * and its result is read and dropped before the next awaited result. Every round trip saved is one wake-up of
 * the nginx worker and of this thread less.
 */
final class EventChannel implements PdkChannel {

    /**
     * Sent calls whose results may wait unread: Kong writes each result before reading the next call, so past a few
     * hundred both socket buffers could fill and each side wait on the other; then the sent calls are awaited.
     */
    static final int MAX_UNREAD_RESULTS = 256;

    private final InputStream in;
    private final OutputStream out;
    private int unreadResults;
    private boolean terminated;

    EventChannel(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public byte[] call(String method, byte[] args) {
        write(method, args);
        try {
            out.flush();
            skipUnreadResults();
            return readResult(method);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void send(String method, byte[] args) {
        write(method, args);
        unreadResults++;
        if (unreadResults >= MAX_UNREAD_RESULTS) {
            try {
                out.flush();
                skipUnreadResults();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void callTerminal(String method, byte[] args) {
        write(method, args);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        terminated = true;
    }

    @Override
    public boolean terminated() {
        return terminated;
    }

    /**
     * Reads and drops the results of sent calls that no awaited call has read yet. The connection calls it after
     * the event's last frame was flushed, before it reads the next RpcCall, which Kong writes after them.
     */
    void skipUnreadResults() throws IOException {
        while (unreadResults > 0) {
            readResult("a call sent without waiting");
            unreadResults--;
        }
    }

    private byte[] readResult(String method) throws IOException {
        byte[] reply = Frames.read(in);
        if (reply == null) {
            throw new IOException("Kong closed the connection during " + method);
        }
        return reply;
    }

    private void write(String method, byte[] args) {
        if (terminated) {
            throw new IllegalStateException(method + " called after the event was ended by kong.response.exit");
        }
        try {
            Frames.write(out, method.getBytes(StandardCharsets.UTF_8));
            Frames.write(out, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
