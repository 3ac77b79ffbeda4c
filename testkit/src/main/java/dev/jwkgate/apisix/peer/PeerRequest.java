package dev.jwkgate.apisix.peer;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP request APISIX describes in an {@code HTTPReqCall.Req}: header names lower-case as nginx
 * hands them over, one entry per value, query string split into args.
 */
public final class PeerRequest {

    private final String method;
    private final String path;
    private final List<Entry> headers = new ArrayList<>();
    private final List<Entry> args = new ArrayList<>();
    private byte[] sourceIp = {127, 0, 0, 1};

    private PeerRequest(String method, String path) {
        this.method = method;
        this.path = path;
    }

    public static PeerRequest get(String path) {
        return new PeerRequest("GET", path);
    }

    public static PeerRequest of(String method, String path) {
        return new PeerRequest(method, path);
    }

    /** Adds one header value; the name is lower-cased as {@code ngx.req.get_headers()} does. */
    public PeerRequest header(String name, String value) {
        headers.add(new Entry(name.toLowerCase(java.util.Locale.ROOT), value));
        return this;
    }

    public PeerRequest bearer(String token) {
        return header("authorization", "Bearer " + token);
    }

    /** Adds one query argument; a null value is a valueless {@code ?name}. */
    public PeerRequest arg(String name, String value) {
        args.add(new Entry(name, value));
        return this;
    }

    public PeerRequest sourceIp(byte[] address) {
        this.sourceIp = address.clone();
        return this;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public List<Entry> headers() {
        return List.copyOf(headers);
    }

    public List<Entry> args() {
        return List.copyOf(args);
    }

    public byte[] sourceIp() {
        return sourceIp.clone();
    }
}
