package dev.jwkgate.kong.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A PDK channel straight into a {@link FakeKongPdk}, for testing plugins without a socket. */
public final class InMemoryChannel implements PdkChannel {

    private final FakeKongPdk pdk;
    private EventOutcome exit;

    public InMemoryChannel(FakeKongPdk pdk) {
        this.pdk = pdk;
    }

    @Override
    public byte[] call(String method, byte[] args) {
        if (exit != null) {
            throw new IllegalStateException("call after exit");
        }
        return pdk.call(method, args).orElseThrow(() -> new AssertionError("Kong would fail the request in " + method));
    }

    @Override
    public void callTerminal(String method, byte[] args) {
        if (!method.equals("kong.response.exit")) {
            throw new AssertionError(method);
        }
        try {
            exit = exitOf(args);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public boolean terminated() {
        return exit != null;
    }

    /** The exit the plugin called, or null when it let the request through. */
    public EventOutcome exit() {
        return exit;
    }

    private static EventOutcome exitOf(byte[] args) throws InvalidProtocolBufferException {
        com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(args);
        int status = 0;
        byte[] body = new byte[0];
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (com.google.protobuf.WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> status = in.readInt32();
                    case 2 -> body = in.readByteArray();
                    case 3 -> com.google.protobuf.Struct.parseFrom(in.readBytes()).getFieldsMap()
                            .forEach((k, v) -> headers.put(k, v.getStringValue()));
                    default -> in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return EventOutcome.exited(status, body, headers);
    }

    /** For messages in assertions. */
    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
