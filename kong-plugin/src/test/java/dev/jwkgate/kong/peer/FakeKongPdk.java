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

    private final Map<String, String> upstreamHeaders;
    private final List<String> clearedHeaders = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final List<String> errorLogs = new ArrayList<>();
    private final Map<String, Value> shared = new LinkedHashMap<>();
    private String upstreamRawQuery;

    private FakeKongPdk(String method, Map<String, Object> headers, Map<String, Object> query, String rawQuery) {
        this.method = method;
        this.headers = headers;
        this.query = query;
        this.rawQuery = rawQuery;
        this.upstreamHeaders = new LinkedHashMap<>();
        headers.forEach((k, v) -> upstreamHeaders.put(k, v instanceof List ? String.valueOf(((List<?>) v).get(0)) : (String) v));
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
                    upstreamHeaders.keySet().removeIf(h -> h.equalsIgnoreCase(header));
                    return Optional.of(new byte[0]);
                }
                case "kong.service.request.set_header": {
                    Map.Entry<String, Value> kv = kvArg(args);
                    if (kv.getValue().getKindCase() == Value.KindCase.BOOL_VALUE && !kv.getValue().getBoolValue()) {
                        return Optional.empty(); // a false value becomes nil: Lua error
                    }
                    upstreamHeaders.keySet().removeIf(h -> h.equalsIgnoreCase(kv.getKey()));
                    upstreamHeaders.put(kv.getKey().toLowerCase(), kv.getValue().getStringValue());
                    return Optional.of(new byte[0]);
                }
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

    private String firstHeader(String name) {
        Object value = headers.get(name.toLowerCase());
        if (value instanceof List) {
            return (String) ((List<?>) value).get(0);
        }
        return (String) value;
    }

    /** Headers as they would go upstream, lower-case names. */
    public Map<String, String> upstreamHeaders() {
        return Collections.unmodifiableMap(upstreamHeaders);
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
