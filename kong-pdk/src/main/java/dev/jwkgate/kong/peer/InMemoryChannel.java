package dev.jwkgate.kong.peer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Struct;
import com.google.protobuf.WireFormat;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A PDK channel straight into a {@link FakeKongPdk}, for testing plugins without a socket. */
public final class InMemoryChannel implements PdkChannel {

    private final FakeKongPdk pdk;
    private EventOutcome exit;

    /** A channel whose PDK calls {@code pdk} answers. */
    public InMemoryChannel(FakeKongPdk pdk) {
        this.pdk = pdk;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException where Kong would fail the request with 500 (a Lua error in the PDK call), or
     *                               after {@code kong.response.exit}
     */
    @Override
    public byte[] call(String method, byte[] args) {
        if (exit != null) {
            throw new IllegalStateException("call after exit");
        }
        return pdk.call(method, args).orElseThrow(() -> new IllegalStateException("Kong would fail the request in " + method));
    }

    @Override
    public void callTerminal(String method, byte[] args) {
        if (!method.equals("kong.response.exit")) {
            throw new IllegalArgumentException("not a terminal PDK call: " + method);
        }
        exit = exitOf(args);
    }

    @Override
    public boolean terminated() {
        return exit != null;
    }

    /** The exit the plugin called, or null when it let the request through. */
    public EventOutcome exit() {
        return exit;
    }

    /** {@code kong.response.exit}'s arguments ({@code ExitArgs}: status, body, headers), decoded as Kong does. */
    private static EventOutcome exitOf(byte[] args) {
        CodedInputStream in = CodedInputStream.newInstance(args);
        int status = 0;
        byte[] body = new byte[0];
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> status = in.readInt32();
                    case 2 -> body = in.readByteArray();
                    case 3 -> Struct.parseFrom(in.readBytes()).getFieldsMap()
                            .forEach((k, v) -> headers.put(k, v.getStringValue()));
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kong.response.exit with malformed arguments", e);
        }
        return EventOutcome.exited(status, body, headers);
    }

    /** The bytes as UTF-8 text, for messages in assertions. */
    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
