package dev.jwkgate.kong.pdk.service.response;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;

/**
 * {@code kong.service.response}: the upstream's answer, readable in the response phase.
 *
 * <p>There is no {@code get_headers}: with a response phase Kong 3.9 hands the buffered headers over as a Lua
 * table that answers lookups through a metatable but holds no entries, so through the plugin socket it always
 * arrives empty ({@code kong/pdk/service/response.lua}); read single headers with {@link #getHeader}, or all of
 * them through {@code kong.response.getHeaders}, which carries the upstream's headers in that phase.
 */
public final class ServiceResponse {

    private final PdkChannel channel;

    public ServiceResponse(PdkChannel channel) {
        this.channel = channel;
    }

    public int getStatus() {
        return Messages.decodeInt(channel.call("kong.service.response.get_status", Messages.empty()));
    }

    /** The first value, looked up whatever the case of its name; an absent header reads as "". */
    public String getHeader(String name) {
        return Messages.decodeString(channel.call("kong.service.response.get_header", Messages.string(name)));
    }

    /** Only with a {@code response} phase handler, which makes Kong buffer the upstream body. */
    public byte[] getRawBody() {
        return Messages.decodeBytes(channel.call("kong.service.response.get_raw_body", Messages.empty()));
    }
}
