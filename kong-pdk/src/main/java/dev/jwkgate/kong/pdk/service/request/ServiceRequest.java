package dev.jwkgate.kong.pdk.service.request;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import java.util.List;
import java.util.Map;

/** {@code kong.service.request}: changes to the request before Kong forwards it upstream. */
public final class ServiceRequest {

    private final PdkChannel channel;

    public ServiceRequest(PdkChannel channel) {
        this.channel = channel;
    }

    /** Kong turns an empty value into a single space; {@code false} or null values would fail the request. */
    public void setHeader(String name, String value) {
        channel.send("kong.service.request.set_header", Messages.kv(name, value));
    }

    public void addHeader(String name, String value) {
        channel.send("kong.service.request.add_header", Messages.kv(name, value));
    }

    public void clearHeader(String name) {
        channel.send("kong.service.request.clear_header", Messages.string(name));
    }

    /**
     * Sets several headers in one round trip, each replacing every copy of that name. A value is a String,
     * or a List of Strings (one header per item; an empty list removes the header). Beware Kong's
     * conversions: {@code false} drops the entry (the client's header stays), and for {@code Host} the value
     * also becomes {@code upstream_host}, so give Host a String.
     */
    public void setHeaders(Map<String, ?> headers) {
        channel.send("kong.service.request.set_headers", Messages.struct(headers));
    }

    /** The query without the leading {@code ?}, sent upstream as is. */
    public void setRawQuery(String query) {
        channel.send("kong.service.request.set_raw_query", Messages.string(query));
    }

    public void setQuery(Map<String, List<String>> query) {
        channel.send("kong.service.request.set_query", Messages.struct(query));
    }

    public void setPath(String path) {
        channel.send("kong.service.request.set_path", Messages.string(path));
    }

    public void setMethod(String method) {
        channel.send("kong.service.request.set_method", Messages.string(method));
    }

    public void setScheme(String scheme) {
        channel.send("kong.service.request.set_scheme", Messages.string(scheme));
    }

    public void setRawBody(byte[] body) {
        channel.send("kong.service.request.set_raw_body", Messages.bytes(body));
    }
}
