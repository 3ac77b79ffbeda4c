package dev.jwkgate.kong.pdk.service.response;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.MultiMaps;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import java.util.List;
import java.util.Map;

/** {@code kong.service.response}: the upstream's answer, readable in the response and log phases. */
public final class ServiceResponse {

    private final PdkChannel channel;

    public ServiceResponse(PdkChannel channel) {
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
                Messages.maxArgs(max))));
    }

    /** Only with a {@code response} phase handler, which makes Kong buffer the upstream body. */
    public byte[] getRawBody() {
        return Messages.decodeBytes(channel.call("kong.service.response.get_raw_body", Messages.empty()));
    }
}
