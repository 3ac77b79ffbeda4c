package dev.jwkgate.kong.peer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kong's side of the PDK for one request, as {@code call_pdk} in pb_rpc.lua runs it: decode the
 * argument message, run the Lua function, encode its first return value (nil becomes a 0-length
 * frame). Holds the client request and records what the plugin changed.
 *
 * <p>Written from Kong's code, independently of the server's codec.
 */
public final class FakeKongPdk {

    private final String method;
    private final Map<String, Object> headers;
    private final Map<String, Object> query;
    private final String rawQuery;

    private final UpstreamHeaders upstreamHeaders;
    private final List<String> clearedHeaders = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final List<String> errorLogs = new ArrayList<>();
    private final Map<String, Value> shared = new LinkedHashMap<>();
    private String upstreamRawQuery;
    private String upstreamHost;

    private FakeKongPdk(String method, Map<String, Object> headers, Map<String, Object> query, String rawQuery) {
        this.method = method;
        this.headers = headers;
        this.query = query;
        this.rawQuery = rawQuery;
        this.upstreamHeaders = new UpstreamHeaders(headers);
    }

    /** A request; header names lower-case, a value a String or a List of Strings. */
    public static FakeKongPdk request(String method, Map<String, Object> headers) {
        return new FakeKongPdk(method, new LinkedHashMap<>(headers), Map.of(), "");
    }

    /** A request with a query string; a bare {@code ?name} is Lua's {@code true}, as Kong's get_query gives it. */
    public static FakeKongPdk request(String method, Map<String, Object> headers, String rawQuery) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                query.put(part, Boolean.TRUE);
            } else {
                query.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return new FakeKongPdk(method, new LinkedHashMap<>(headers), query, rawQuery);
    }

    /**
     * A request with the query as {@code kong.request.get_query} gives it (name to a String, {@code true} for a
     * bare {@code ?name}, or a List of those for a repeated name) and the raw query string it came from.
     */
    public static FakeKongPdk request(String method, Map<String, Object> headers, Map<String, Object> query,
                                      String rawQuery) {
        return new FakeKongPdk(method, new LinkedHashMap<>(headers), new LinkedHashMap<>(query), rawQuery);
    }

    /**
     * Runs one PDK method.
     *
     * @return the encoded result, or empty when Kong fails the request instead (unknown method, Lua error)
     */
    public Optional<byte[]> call(String name, byte[] args) {
        calls.add(name);
        try {
            switch (name) {
                case "kong.request.get_header":
                    return Optional.of(stringResult(firstHeader(stringArg(args))));
                case "kong.request.get_headers": {
                    int max = intArg(args);
                    if (max < 1 || max > 1000) {
                        return Optional.empty(); // ngx.req.get_headers raises a Lua error
                    }
                    return Optional.of(toStruct(headers).toByteArray());
                }
                case "kong.request.get_query":
                    return Optional.of(toStruct(query).toByteArray());
                case "kong.request.get_query_arg": {
                    Object value = query.get(stringArg(args));
                    if (value instanceof List<?> values) {
                        value = values.get(0); // a repeated name: its first value
                    }
                    if (value instanceof Boolean) {
                        return Optional.empty(); // lua-protobuf cannot encode true as a String
                    }
                    return Optional.of(stringResult((String) value));
                }
                case "kong.request.get_method":
                    return Optional.of(stringResult(method));
                case "kong.request.get_raw_query":
                    return Optional.of(stringResult(rawQuery));
                case "kong.request.get_path":
                    return Optional.of(stringResult("/"));
                case "kong.client.get_ip":
                    return Optional.of(stringResult("127.0.0.1"));
                case "kong.service.request.clear_header": {
                    String header = stringArg(args);
                    clearedHeaders.add(header);
                    upstreamHeaders.clear(header);
                    return Optional.of(new byte[0]);
                }
                case "kong.service.request.set_header":
                    return setHeader(kvArg(args)) ? Optional.of(new byte[0]) : Optional.empty();
                case "kong.service.request.set_headers":
                    return setHeaders(Struct.parseFrom(args)) ? Optional.of(new byte[0]) : Optional.empty();
                case "kong.service.request.set_raw_query":
                    upstreamRawQuery = stringArg(args);
                    return Optional.of(new byte[0]);
                case "kong.ctx.shared.set": {
                    Map.Entry<String, Value> kv = kvArg(args);
                    shared.put(kv.getKey(), kv.getValue());
                    return Optional.of(new byte[0]);
                }
                case "kong.ctx.shared.get":
                    return Optional.of(shared.getOrDefault(stringArg(args),
                            Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build()).toByteArray());
                case "kong.log.err":
                case "kong.log.warn":
                case "kong.log.notice":
                case "kong.log.info":
                case "kong.log.debug":
                case "kong.log.crit":
                case "kong.log.alert": {
                    StringBuilder line = new StringBuilder();
                    for (Value v : ListValue.parseFrom(args).getValuesList()) {
                        line.append(v.getKindCase() == Value.KindCase.NUMBER_VALUE ? String.valueOf(v.getNumberValue())
                                : v.getStringValue());
                    }
                    if (name.equals("kong.log.err")) {
                        errorLogs.add(line.toString());
                    }
                    return Optional.of(new byte[0]);
                }
                default:
                    return Optional.empty(); // call_pdk: method "x" not found
            }
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty(); // pb.decode asserts
        }
    }

    /**
     * {@code kong.service.request.set_header} (kong/pdk/service/request.lua): {@code validate_header} raises
     * for a nil value (which is what a {@code false} bool arrives as), the {@code host} header also sets
     * {@code upstream_host}, {@code :authority} is refused softly outside gRPC.
     *
     * @return false when Kong raises a Lua error, which fails the request with 500
     */
    private boolean setHeader(Map.Entry<String, Value> kv) {
        Object value = LuaValues.value(kv.getValue());
        if (!validHeaderValue(value)) {
            return false;
        }
        String name = kv.getKey();
        if (name.equalsIgnoreCase("host")) {
            upstreamHost = hostVariable(value);
        }
        if (name.equalsIgnoreCase(":authority")) {
            return true; // returns nil, "cannot set :authority pseudo-header on non-grpc requests"
        }
        upstreamHeaders.set(name, normalizeMultiHeader(value));
        return true;
    }

    /**
     * {@code kong.service.request.set_headers} (the same in every 3.x): {@code validate_headers} checks every
     * entry first, so one bad value changes nothing; then each entry is set with {@code ngx.req.set_header},
     * replacing the client's headers of that name. A key whose value arrived as nil (a {@code false} bool) is
     * simply not in the table; an empty array, or a struct (a Lua table with no array part), removes the header.
     *
     * @return false when Kong raises a Lua error, which fails the request with 500
     */
    private boolean setHeaders(Struct struct) {
        Map<String, Object> table = LuaValues.table(struct);
        for (Object value : table.values()) {
            if (!validHeaderValue(value)) {
                return false;
            }
        }
        table.forEach((name, value) -> {
            if (name.equalsIgnoreCase("host")) {
                upstreamHost = hostVariable(value);
            }
            upstreamHeaders.set(name, normalizeMultiHeader(value));
        });
        return true;
    }

    /** {@code checks.validate_header(s)}: a string, number, boolean, or a table whose array items are strings. */
    private static boolean validHeaderValue(Object value) {
        switch (LuaValues.type(value)) {
            case "string":
            case "number":
            case "boolean":
                return true;
            case "table":
                return LuaValues.ipairs(value).stream().allMatch(item -> item instanceof String);
            default:
                return false;
        }
    }

    /** {@code checks.normalize_multi_header}: "" becomes " ", numbers and booleans their text. */
    private static List<String> normalizeMultiHeader(Object value) {
        if (value instanceof String s) {
            return List.of(s.isEmpty() ? " " : s);
        }
        if (LuaValues.type(value).equals("table")) {
            List<String> out = new ArrayList<>();
            LuaValues.ipairs(value).forEach(item -> out.add(((String) item).isEmpty() ? " " : (String) item));
            return out;
        }
        return List.of(LuaValues.tostring(value));
    }

    /** {@code ngx.var.upstream_host = v}: tostring of anything but a string; of a table, its address. */
    private static String hostVariable(Object value) {
        return LuaValues.type(value).equals("table") ? "table: 0x…" : LuaValues.tostring(value);
    }

    private String firstHeader(String name) {
        Object value = headers.get(name.toLowerCase());
        if (value instanceof List) {
            return (String) ((List<?>) value).get(0);
        }
        return (String) value;
    }

    /** Headers as they would go upstream, lower-case names, each with its first value. */
    public Map<String, String> upstreamHeaders() {
        return upstreamHeaders.firstValues();
    }

    /** Every value of one header as it would go upstream, in order. */
    public List<String> upstreamHeaderValues(String name) {
        return upstreamHeaders.values(name);
    }

    /** What a set {@code Host} header made {@code ngx.var.upstream_host}, or null when untouched. */
    public String upstreamHost() {
        return upstreamHost;
    }

    public List<String> clearedHeaders() {
        return Collections.unmodifiableList(clearedHeaders);
    }

    /** The query set upstream with set_raw_query, or null when untouched. */
    public String upstreamRawQuery() {
        return upstreamRawQuery;
    }

    /** Every PDK method the plugin called, in order. */
    public List<String> calls() {
        return Collections.unmodifiableList(calls);
    }

    public List<String> errorLogs() {
        return Collections.unmodifiableList(errorLogs);
    }

    // ---- encoding, as lua-protobuf does for Kong's wrapper messages ----

    static byte[] stringResult(String value) {
        if (value == null || value.isEmpty()) {
            return new byte[0]; // nil or "" encodes to an empty message
        }
        return encode(out -> out.writeString(1, value));
    }

    static String stringArg(byte[] args) throws InvalidProtocolBufferException {
        return singleField(args).map(CodedField::text).orElse("");
    }

    static int intArg(byte[] args) throws InvalidProtocolBufferException {
        return singleField(args).map(f -> (int) f.varint).orElse(0);
    }

    static Map.Entry<String, Value> kvArg(byte[] args) throws InvalidProtocolBufferException {
        String key = "";
        Value value = Value.getDefaultInstance();
        try {
            CodedInputStream in = CodedInputStream.newInstance(args);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 1) {
                    key = in.readString();
                } else if (WireFormat.getTagFieldNumber(tag) == 2) {
                    value = Value.parseFrom(in.readBytes());
                } else {
                    in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.entry(key, value);
    }

    private record CodedField(long varint, byte[] bytes) {
        String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Optional<CodedField> singleField(byte[] message) throws InvalidProtocolBufferException {
        try {
            CodedInputStream in = CodedInputStream.newInstance(message);
            CodedField found = null;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) != 1) {
                    in.skipField(tag);
                } else if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                    found = new CodedField(in.readInt64(), new byte[0]);
                } else {
                    found = new CodedField(0, in.readByteArray());
                }
            }
            return Optional.ofNullable(found);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Struct toStruct(Map<String, Object> table) {
        Struct.Builder struct = Struct.newBuilder();
        table.forEach((k, v) -> struct.putFields(k, toValue(v)));
        return struct.build();
    }

    private static Value toValue(Object v) {
        if (v instanceof Boolean) {
            return Value.newBuilder().setBoolValue((Boolean) v).build();
        }
        if (v instanceof List) {
            ListValue.Builder list = ListValue.newBuilder();
            ((List<?>) v).forEach(item -> list.addValues(toValue(item)));
            return Value.newBuilder().setListValue(list).build();
        }
        return Value.newBuilder().setStringValue(String.valueOf(v)).build();
    }

    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] encode(Body body) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(buffer);
            body.write(out);
            out.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
