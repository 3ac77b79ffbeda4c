package dev.jwkgate.kong.pdk.request;

import dev.jwkgate.kong.pdk.bridge.Messages;
import dev.jwkgate.kong.pdk.bridge.MultiMaps;
import dev.jwkgate.kong.pdk.bridge.PdkChannel;
import java.util.List;
import java.util.Map;

/** {@code kong.request}: the client's request as Kong received it. */
public final class Request {

    private final PdkChannel channel;

    public Request(PdkChannel channel) {
        this.channel = channel;
    }

    /** {@code kong.request.get_header}: the first value; an absent header reads as "" (the protocol cannot tell them apart). */
    public String getHeader(String name) {
        return Messages.decodeString(channel.call("kong.request.get_header", Messages.string(name)));
    }

    /** {@code kong.request.get_headers(max)}: lower-case names to all their values. */
    public Map<String, List<String>> getHeaders(int max) {
        return MultiMaps.of(Messages.decodeStruct(channel.call("kong.request.get_headers", Messages.maxArgs(max))));
    }

    /**
     * {@code kong.request.get_query_arg}. Kong answers 500 by itself when the argument has no {@code =}
     * ({@code ?name}), since it cannot encode Lua's {@code true} as a String; prefer {@link #getQuery(int)}.
     */
    public String getQueryArg(String name) {
        return Messages.decodeString(channel.call("kong.request.get_query_arg", Messages.string(name)));
    }

    /** {@code kong.request.get_query(max)}: names to all their values; a bare {@code ?name} gives "". */
    public Map<String, List<String>> getQuery(int max) {
        return MultiMaps.of(Messages.decodeStruct(channel.call("kong.request.get_query", Messages.maxArgs(max))));
    }

    public String getRawQuery() {
        return getString("kong.request.get_raw_query");
    }

    public String getMethod() {
        return getString("kong.request.get_method");
    }

    public String getPath() {
        return getString("kong.request.get_path");
    }

    public String getPathWithQuery() {
        return getString("kong.request.get_path_with_query");
    }

    public String getScheme() {
        return getString("kong.request.get_scheme");
    }

    public String getHost() {
        return getString("kong.request.get_host");
    }

    public int getPort() {
        return Messages.decodeInt(channel.call("kong.request.get_port", Messages.empty()));
    }

    public String getForwardedScheme() {
        return getString("kong.request.get_forwarded_scheme");
    }

    public String getForwardedHost() {
        return getString("kong.request.get_forwarded_host");
    }

    public double getHttpVersion() {
        return Messages.decodeNumber(channel.call("kong.request.get_http_version", Messages.empty()));
    }

    /** {@code kong.request.get_raw_body}: in memory, or the file nginx buffered a large body to. */
    public RawBody getRawBody() {
        return RawBody.decode(channel.call("kong.request.get_raw_body", Messages.empty()));
    }

    private String getString(String method) {
        return Messages.decodeString(channel.call(method, Messages.empty()));
    }
}
