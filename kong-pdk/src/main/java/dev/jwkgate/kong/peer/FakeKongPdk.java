package dev.jwkgate.kong.peer;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.WireFormat;
import dev.jwkgate.kong.pdk.protocol.KongProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private final Map<String, List<String>> logs = new LinkedHashMap<>();
    private String upstreamRawQuery;
    private String upstreamHost;

    // the rest of the exchange: a plain HTTP/1.1 request to Kong's proxy port, no trusted proxy in front
    private byte[] body = new byte[0];
    private String bodyFile;
    private final Map<String, KongProtocol.Consumer> consumers = new LinkedHashMap<>();
    private KongProtocol.Consumer authenticatedConsumer;
    private KongProtocol.AuthenticatedCredential authenticatedCredential;
    private final Set<String> knownUpstreams = new HashSet<>();
    private final Map<String, String> nginxVariables = new LinkedHashMap<>();
    private final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
    private int responseStatus = 200;
    private int serviceStatus = 200;
    private Map<String, Object> serviceHeaders = Map.of();
    private byte[] serviceBody = new byte[0];

    // what the plugin changed on the way upstream, beyond the headers
    private Map<String, Object> upstreamQuery;
    private String upstreamPath;
    private String upstreamMethod;
    private String upstreamScheme;
    private byte[] upstreamBody;
    private String upstreamName;
    private String targetHost;
    private int targetPort;

    /** The request's fixed facts, as a request to {@code http://api.example:8000/} from 127.0.0.1 gives them. */
    public static final String SCHEME = "http";
    public static final String HOST = "api.example";
    public static final int PORT = 8000;
    public static final String PATH = "/";
    public static final String CLIENT_IP = "127.0.0.1";
    public static final int CLIENT_PORT = 40_000;
    public static final double HTTP_VERSION = 1.1;
    public static final double REQUEST_START = 1_700_000_000.125;
    public static final String NODE_ID = "3a9c2b1e-7d4f-4c8a-9b6e-0f1d2c3b4a59";

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

    /**
     * A request with the query as {@code kong.request.get_query} gives it (name to a String, {@code true} for a
     * bare {@code ?name}, or a List of those for a repeated name) and the raw query string it came from.
     */
    public static FakeKongPdk request(String method, Map<String, Object> headers, Map<String, Object> query,
                                      String rawQuery) {
        return new FakeKongPdk(method, new LinkedHashMap<>(headers), new LinkedHashMap<>(query), rawQuery);
    }

    /**
     * A request with a query string, as Kong's get_query gives it: a bare {@code ?name} is Lua's {@code true}, a
     * repeated name an array of its values in order.
     */
    public static FakeKongPdk request(String method, Map<String, Object> headers, String rawQuery) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            Object value = eq < 0 ? Boolean.TRUE : part.substring(eq + 1);
            Object earlier = query.get(name);
            if (earlier == null) {
                query.put(name, value);
            } else {
                List<Object> values = earlier instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(earlier));
                values.add(value);
                query.put(name, values);
            }
        }
        return new FakeKongPdk(method, new LinkedHashMap<>(headers), query, rawQuery);
    }

    /** The request body nginx holds in memory. */
    public FakeKongPdk withBody(byte[] content) {
        this.body = content.clone();
        return this;
    }

    /** A body too large for nginx's buffer, which it wrote to {@code path}: get_raw_body gives no content. */
    public FakeKongPdk withBodyInFile(String path) {
        this.body = null;
        this.bodyFile = path;
        return this;
    }

    /** A consumer in Kong's database, for load_consumer. */
    public FakeKongPdk withConsumer(String id, String username, String customId, long createdAt, String... tags) {
        consumers.put(id, KongProtocol.Consumer.newBuilder().setId(id).setUsername(username).setCustomId(customId)
                .setCreatedAt(createdAt).addAllTags(List.of(tags)).build());
        return this;
    }

    /** An upstream entity {@code set_upstream} can find. */
    public FakeKongPdk withUpstream(String name) {
        knownUpstreams.add(name);
        return this;
    }

    /** An nginx variable {@code kong.nginx.get_var} can read. */
    public FakeKongPdk withNginxVariable(String name, String value) {
        nginxVariables.put(name, value);
        return this;
    }

    /** The upstream's answer, as the response and log phases see it; Kong copies it into the response. */
    public FakeKongPdk withServiceResponse(int status, Map<String, Object> headers, byte[] content) {
        this.serviceStatus = status;
        this.serviceHeaders = new LinkedHashMap<>(headers);
        this.serviceBody = content.clone();
        this.responseStatus = status;
        headers.forEach((name, value) -> responseHeaders.put(name.toLowerCase(Locale.ROOT),
                value instanceof List<?> list ? new ArrayList<>(list.stream().map(String::valueOf).toList())
                        : new ArrayList<>(List.of(String.valueOf(value)))));
        return this;
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
                    return Optional.of(toStruct(firstLines(headers, max)).toByteArray());
                }
                case "kong.request.get_query": {
                    int max = intArg(args);
                    if (max < 1 || max > 1000) {
                        return Optional.empty(); // kong.request.get_query raises outside 1..1000
                    }
                    return Optional.of(toStruct(firstLines(query, max)).toByteArray());
                }
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
                case "kong.client.get_forwarded_ip":
                    return Optional.of(stringResult(CLIENT_IP));
                case "kong.client.get_port":
                case "kong.client.get_forwarded_port":
                    return Optional.of(intResult(CLIENT_PORT));
                case "kong.client.get_protocol":
                    return Optional.of(stringResult(SCHEME));
                case "kong.client.get_consumer":
                    return Optional.of(authenticatedConsumer == null ? new byte[0] : authenticatedConsumer.toByteArray());
                case "kong.client.get_credential":
                    return Optional.of(authenticatedCredential == null ? new byte[0]
                            : authenticatedCredential.toByteArray());
                case "kong.client.load_consumer":
                    return loadConsumer(KongProtocol.ConsumerSpec.parseFrom(args));
                case "kong.client.authenticate": {
                    KongProtocol.AuthenticateArgs auth = KongProtocol.AuthenticateArgs.parseFrom(args);
                    if (!auth.hasConsumer() && !auth.hasCredential()) {
                        return Optional.empty(); // "either credential or consumer must be provided"
                    }
                    authenticatedConsumer = auth.hasConsumer() ? auth.getConsumer() : null;
                    authenticatedCredential = auth.hasCredential() ? auth.getCredential() : null;
                    return Optional.of(new byte[0]);
                }
                case "kong.request.get_path_with_query":
                    return Optional.of(stringResult(rawQuery.isEmpty() ? PATH : PATH + "?" + rawQuery));
                case "kong.request.get_scheme":
                case "kong.request.get_forwarded_scheme":
                    return Optional.of(stringResult(SCHEME));
                case "kong.request.get_host":
                case "kong.request.get_forwarded_host":
                    return Optional.of(stringResult(HOST));
                case "kong.request.get_port":
                    return Optional.of(intResult(PORT));
                case "kong.request.get_http_version":
                    return Optional.of(KongProtocol.Number.newBuilder().setV(HTTP_VERSION).build().toByteArray());
                case "kong.request.get_raw_body":
                    return Optional.of(rawBody());
                case "kong.response.get_status":
                    return Optional.of(intResult(responseStatus));
                case "kong.response.get_header":
                    return Optional.of(stringResult(first(responseHeaders.get(stringArg(args).toLowerCase(Locale.ROOT)))));
                case "kong.response.get_headers":
                    return headersResult(new LinkedHashMap<>(responseHeaders), args);
                case "kong.response.set_status":
                    responseStatus = intArg(args);
                    return Optional.of(new byte[0]);
                case "kong.response.set_header":
                case "kong.response.add_header": {
                    Map.Entry<String, Value> kv = kvArg(args);
                    Object value = LuaValues.value(kv.getValue());
                    if (!validHeaderValue(value)) {
                        return Optional.empty();
                    }
                    String header = kv.getKey().toLowerCase(Locale.ROOT);
                    if (name.endsWith("set_header")) {
                        responseHeaders.remove(header);
                    }
                    responseHeaders.computeIfAbsent(header, h -> new ArrayList<>()).addAll(normalizeMultiHeader(value));
                    return Optional.of(new byte[0]);
                }
                case "kong.response.clear_header":
                    responseHeaders.remove(stringArg(args).toLowerCase(Locale.ROOT));
                    return Optional.of(new byte[0]);
                case "kong.service.set_upstream": {
                    String upstream = stringArg(args);
                    if (!knownUpstreams.contains(upstream)) {
                        return Optional.of(new byte[0]); // nil, "could not find an Upstream named ...": Bool{v = nil}
                    }
                    upstreamName = upstream;
                    return Optional.of(KongProtocol.Bool.newBuilder().setV(true).build().toByteArray());
                }
                case "kong.service.set_target": {
                    KongProtocol.Target target = KongProtocol.Target.parseFrom(args);
                    if (target.getPort() < 0 || target.getPort() > 65535) {
                        return Optional.empty(); // "port must be an integer between 0 and 65535"
                    }
                    targetHost = target.getHost();
                    targetPort = target.getPort();
                    return Optional.of(new byte[0]);
                }
                case "kong.service.request.add_header": {
                    Map.Entry<String, Value> kv = kvArg(args);
                    Object value = LuaValues.value(kv.getValue());
                    if (!validHeaderValue(value)) {
                        return Optional.empty();
                    }
                    List<String> values = new ArrayList<>(upstreamHeaders.values(kv.getKey()));
                    values.addAll(normalizeMultiHeader(value));
                    upstreamHeaders.set(kv.getKey(), values);
                    return Optional.of(new byte[0]);
                }
                case "kong.service.request.set_query":
                    upstreamQuery = LuaValues.table(Struct.parseFrom(args));
                    return Optional.of(new byte[0]);
                case "kong.service.request.set_path": {
                    String path = stringArg(args);
                    if (!path.startsWith("/")) {
                        return Optional.empty(); // "path must start with /"
                    }
                    upstreamPath = path;
                    return Optional.of(new byte[0]);
                }
                case "kong.service.request.set_method": {
                    String upstream = stringArg(args);
                    if (!ACCEPTED_METHODS.contains(upstream)) {
                        return Optional.empty(); // "invalid method: ..."
                    }
                    upstreamMethod = upstream;
                    return Optional.of(new byte[0]);
                }
                case "kong.service.request.set_scheme": {
                    String upstream = stringArg(args);
                    if (!upstream.equals("http") && !upstream.equals("https")) {
                        return Optional.empty(); // "invalid scheme: ..."
                    }
                    upstreamScheme = upstream;
                    return Optional.of(new byte[0]);
                }
                case "kong.service.request.set_raw_body":
                    upstreamBody = KongProtocol.ByteString.parseFrom(args).getV().toByteArray();
                    return Optional.of(new byte[0]);
                case "kong.service.response.get_status":
                    return Optional.of(intResult(serviceStatus));
                case "kong.service.response.get_header": {
                    String header = stringArg(args);
                    Object value = serviceHeaders.entrySet().stream()
                            .filter(e -> e.getKey().equalsIgnoreCase(header))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    return Optional.of(stringResult(value instanceof List<?> list ? (String) list.get(0) : (String) value));
                }
                case "kong.service.response.get_raw_body":
                    return Optional.of(KongProtocol.ByteString.newBuilder().setV(ByteString.copyFrom(serviceBody)).build()
                            .toByteArray());
                case "kong.nginx.get_var":
                    return Optional.of(stringResult(nginxVariables.get(stringArg(args))));
                case "kong.nginx.get_subsystem":
                    return Optional.of(stringResult("http"));
                case "kong.nginx.req_start_time":
                    return Optional.of(KongProtocol.Number.newBuilder().setV(REQUEST_START).build().toByteArray());
                case "kong.node.get_id":
                    return Optional.of(stringResult(NODE_ID));
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
                    // kong.log.* writes tostring() of each argument, one after the other
                    StringBuilder line = new StringBuilder();
                    for (Value v : ListValue.parseFrom(args).getValuesList()) {
                        Object value = LuaValues.value(v);
                        line.append(value == null ? "nil" : LuaValues.type(value).equals("table") ? "table" : LuaValues.tostring(value));
                    }
                    if (name.equals("kong.log.err")) {
                        errorLogs.add(line.toString());
                    }
                    logs.computeIfAbsent(name.substring("kong.log.".length()), level -> new ArrayList<>()).add(line.toString());
                    return Optional.of(new byte[0]);
                }
                default:
                    return Optional.empty(); // call_pdk: method "x" not found
            }
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty(); // pb.decode asserts
        }
    }

    /** {@code ngx.req.set_method} accepts these, and {@code set_method} refuses any other. */
    private static final Set<String> ACCEPTED_METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS",
            "MKCOL", "COPY", "MOVE", "PROPFIND", "PROPPATCH", "LOCK", "UNLOCK", "PATCH", "TRACE");

    /**
     * {@code kong.client.load_consumer(id, by_username)} as Kong 3.9.1's {@code pdk/client.lua}: a UUID-shaped value
     * is first looked up by id (also when searching by username); a value that is not one raises unless searching by
     * username; nil when there is none, which Kong encodes as nothing.
     */
    private Optional<byte[]> loadConsumer(KongProtocol.ConsumerSpec spec) {
        boolean uuid = spec.getId().matches(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        if (!uuid && !spec.getByUsername()) {
            return Optional.empty(); // "cannot load a consumer with an id that is not a uuid"
        }
        if (uuid && consumers.containsKey(spec.getId())) {
            return Optional.of(consumers.get(spec.getId()).toByteArray());
        }
        if (spec.getByUsername()) {
            return Optional.of(consumers.values().stream().filter(c -> c.getUsername().equals(spec.getId()))
                    .findFirst().map(KongProtocol.Consumer::toByteArray).orElse(new byte[0]));
        }
        return Optional.of(new byte[0]);
    }

    /** {@code RawBodyResult} as pb_rpc.lua wraps it: the body, else the file nginx buffered it to, else an error. */
    private byte[] rawBody() {
        KongProtocol.RawBodyResult.Builder result = KongProtocol.RawBodyResult.newBuilder();
        if (body != null) {
            result.setContent(ByteString.copyFrom(body));
        } else if (bodyFile != null) {
            result.setBodyFilepath(bodyFile);
        } else {
            result.setError("Can't read request body");
        }
        return result.build().toByteArray();
    }

    /**
     * The table as {@code ngx.req.get_headers(max)} or {@code get_uri_args(max)} builds it: only the first
     * {@code max} lines (each value of a repeated name is a line), the rest silently left out.
     */
    private static Map<String, Object> firstLines(Map<String, Object> table, int max) {
        Map<String, Object> out = new LinkedHashMap<>();
        int left = max;
        for (Map.Entry<String, Object> entry : table.entrySet()) {
            if (left == 0) {
                break;
            }
            if (entry.getValue() instanceof List<?> list) {
                List<?> kept = list.subList(0, Math.min(list.size(), left));
                left -= kept.size();
                out.put(entry.getKey(), kept.size() == 1 ? kept.get(0) : new ArrayList<>(kept));
            } else {
                left--;
                out.put(entry.getKey(), entry.getValue());
            }
        }
        return out;
    }

    /** A header table for get_headers(max): Kong raises outside 1..1000. */
    private static Optional<byte[]> headersResult(Map<String, ?> table, byte[] args) throws InvalidProtocolBufferException {
        int max = intArg(args);
        if (max < 1 || max > 1000) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        table.forEach((name, value) -> out.put(name.toLowerCase(Locale.ROOT),
                value instanceof List<?> list && list.size() == 1 ? list.get(0) : value));
        return Optional.of(toStruct(out).toByteArray());
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
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

    /** Every header as it would go upstream: lower-case names, all values in order. */
    public Map<String, List<String>> upstreamHeaderMap() {
        return upstreamHeaders.all();
    }

    /** Every value of one header as it would go upstream, in order. */
    public List<String> upstreamHeaderValues(String name) {
        return upstreamHeaders.values(name);
    }

    /** What a set {@code Host} header made {@code ngx.var.upstream_host}, or null when untouched. */
    public String upstreamHost() {
        return upstreamHost;
    }

    /** The header names the plugin cleared upstream, in order. */
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

    /** The lines the plugin logged at {@code err}, in order. */
    public List<String> errorLogs() {
        return Collections.unmodifiableList(errorLogs);
    }

    /** The lines the plugin logged at {@code level} ({@code err}, {@code notice}, ...), in order. */
    public List<String> logs(String level) {
        return Collections.unmodifiableList(logs.getOrDefault(level, List.of()));
    }

    /** The query table set with set_query (Lua values), or null when untouched. */
    public Map<String, Object> upstreamQuery() {
        return upstreamQuery;
    }

    /** The path set with set_path, or null when untouched. */
    public String upstreamPath() {
        return upstreamPath;
    }

    /** The method set with set_method, or null when untouched. */
    public String upstreamMethod() {
        return upstreamMethod;
    }

    /** The scheme set with set_scheme, or null when untouched. */
    public String upstreamScheme() {
        return upstreamScheme;
    }

    /** The body set with set_raw_body, or null when untouched. */
    public byte[] upstreamBody() {
        return upstreamBody;
    }

    /** The upstream entity chosen with set_upstream, or null. */
    public String upstreamName() {
        return upstreamName;
    }

    /** {@code host:port} set with set_target, or null. */
    public String target() {
        return targetHost == null ? null : targetHost + ":" + targetPort;
    }

    /** The consumer authenticate set, or null. */
    public KongProtocol.Consumer authenticatedConsumer() {
        return authenticatedConsumer;
    }

    /** The credential authenticate set, or null. */
    public KongProtocol.AuthenticatedCredential authenticatedCredential() {
        return authenticatedCredential;
    }

    /** A credential an earlier plugin authenticated with (before this plugin runs). */
    public FakeKongPdk withCredential(String id, String consumerId) {
        authenticatedCredential = KongProtocol.AuthenticatedCredential.newBuilder().setId(id).setConsumerId(consumerId)
                .build();
        return this;
    }

    /** What {@code kong.ctx.shared.set} stored under the key, or null. */
    public Value shared(String key) {
        return shared.get(key);
    }

    /** The status Kong will send (the upstream's unless set_status changed it). */
    public int responseStatus() {
        return responseStatus;
    }

    /** The response headers Kong will send, lower-case names. */
    public Map<String, List<String>> responseHeaders() {
        return Collections.unmodifiableMap(responseHeaders);
    }

    // ---- encoding, as lua-protobuf does for Kong's wrapper messages ----

    static byte[] intResult(int value) {
        return KongProtocol.Int.newBuilder().setV(value).build().toByteArray();
    }

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
