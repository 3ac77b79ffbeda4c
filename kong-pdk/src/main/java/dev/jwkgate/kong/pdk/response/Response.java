package dev.jwkgate.kong.pdk.response;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.MultiMaps;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import java.util.List;
import java.util.Map;

/** {@code kong.response}: the answer Kong sends to the client. */
public final class Response {

    private final PdkChannel channel;

    public Response(PdkChannel channel) {
        this.channel = channel;
    }

    /**
     * {@code kong.response.exit(status, body, headers)}: answers the client and ends the event.
     *
     * <p>In the access phase Kong never replies to this call, so it returns at once and the plugin
     * must return too; any later PDK call fails. Kong adds no {@code Content-Type} for a body, so pass one.
     */
    public void exit(int status, byte[] body, Map<String, String> headers) {
        channel.callTerminal("kong.response.exit", Messages.exitArgs(status, body, headers));
    }

    public void exit(int status) {
        exit(status, null, Map.of());
    }

    public int getStatus() {
        return Messages.decodeInt(channel.call("kong.response.get_status", Messages.empty()));
    }

    public String getHeader(String name) {
        return Messages.decodeString(channel.call("kong.response.get_header", Messages.string(name)));
    }

    /** {@code kong.response.get_headers(max)}: lower-case names to all their values. */
    public Map<String, List<String>> getHeaders(int max) {
        return MultiMaps.of(Messages.decodeStruct(channel.call("kong.response.get_headers",
                Messages.maxArgs(max))));
    }

    public void setStatus(int status) {
        channel.send("kong.response.set_status", Messages.int32(status));
    }

    public void setHeader(String name, String value) {
        channel.send("kong.response.set_header", Messages.kv(name, value));
    }

    public void addHeader(String name, String value) {
        channel.send("kong.response.add_header", Messages.kv(name, value));
    }

    public void clearHeader(String name) {
        channel.send("kong.response.clear_header", Messages.string(name));
    }
}
