package dev.jwkgate.kong.pdk.server;

import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * PDK callbacks of one event, on the connection that carried the HandleEvent: each call writes the
 * method-name frame and the argument frame, then reads Kong's one result frame.
 */
final class EventChannel implements PdkChannel {

    private final InputStream in;
    private final OutputStream out;
    private boolean terminated;

    EventChannel(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public byte[] call(String method, byte[] args) {
        send(method, args);
        try {
            byte[] reply = Frames.read(in);
            if (reply == null) {
                throw new IOException("Kong closed the connection during " + method);
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void callTerminal(String method, byte[] args) {
        send(method, args);
        terminated = true;
    }

    @Override
    public boolean terminated() {
        return terminated;
    }

    private void send(String method, byte[] args) {
        if (terminated) {
            throw new IllegalStateException(method + " called after the event was ended by kong.response.exit");
        }
        try {
            Frames.write(out, method.getBytes(StandardCharsets.UTF_8));
            Frames.write(out, args);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
