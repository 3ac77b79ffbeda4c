package dev.jwkgate.kong.pdk;

import dev.jwkgate.kong.pdk.wire.Messages;
import java.util.List;
import java.util.Map;

/** {@code kong.service.response}: the upstream's answer, readable in the response and log phases. */
public final class ServiceResponse {

    private final PdkChannel channel;

    ServiceResponse(PdkChannel channel) {
        this.channel = channel;
    }

    public int getStatus() {
        return Messages.decodeInt(channel.call("kong.service.response.get_status", Messages.empty()));
    }

    public String getHeader(String name) {
        return Messages.decodeString(channel.call("kong.service.response.get_header", Messages.string(name)));
    }

    public Map<String, List<String>> getHeaders(int max) {
        return MultiMaps.of(Messages.decodeStruct(channel.call("kong.service.response.get_headers",
                Messages.int32(Request.clamp(max)))));
    }

    /** Only with a {@code response} phase handler, which makes Kong buffer the upstream body. */
    public byte[] getRawBody() {
        return Messages.decodeBytes(channel.call("kong.service.response.get_raw_body", Messages.empty()));
    }
}
