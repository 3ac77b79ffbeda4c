package dev.jwkgate.demo.front;

import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.kong.it.PluginServerProcess;
import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.KongPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kong without Kong: the plugin server Kong would start, through its launcher, driven over the ProtoBuf plugin
 * socket as Kong drives it (the kong-plugin test peer: one peer per worker thread, an instance per route). The
 * request goes to the plugin as Kong's PDK gives it out (header names lower-case, a repeated header as a list,
 * the query decoded as {@code kong.request.get_query} decodes it); {@code kong.response.exit} comes back to the
 * client unchanged; a completed access phase goes on to the {@link EchoUpstream} with the plugin's changes.
 */
public final class KongPluginServerFront implements GatewayFront {

    /** The most query arguments and headers the jwkgate plugin asks Kong for. */
    private static final int MAX_ARGS = 1000;
    /** What Kong answers when a plugin fails inside Kong. */
    private static final String KONG_ERROR = "{\"message\":\"An unexpected error occurred\"}";

    private final Map<String, String> configs = new HashMap<>();
    private final PluginServerProcess server;
    private final Path dir;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Worker> worker = ThreadLocal.withInitial(this::newWorker);

    /** One nginx worker of Kong: its sockets to the server and the instances it started. */
    private final class Worker {
        final KongPeer peer = new KongPeer(server.socket());
        final Map<String, Integer> instances = new HashMap<>();
    }

    private KongPluginServerFront(Map<String, Policy> routes, PluginServerProcess server, Path dir) {
        this.server = server;
        this.dir = dir;
        int seq = 0;
        for (Map.Entry<String, Policy> route : routes.entrySet()) {
            seq++;
            configs.put(route.getKey(), route.getValue().kongConfig(seq, new UUID(0, seq).toString()));
        }
    }

    /** Starts the plugin server through its launcher, as Kong does, logging into {@code logFile}. */
    public static KongPluginServerFront start(Path launcher, Path jar, Map<String, Policy> routes, Path logFile)
            throws Exception {
        Path dir = Files.createTempDirectory("demo-kong");
        PluginServerProcess server = PluginServerProcess.start(launcher, jar, dir.resolve("jwkgate.socket"), logFile,
                "-Xmx256m");
        return new KongPluginServerFront(routes, server, dir);
    }

    @Override
    public String name() {
        return "kong";
    }

    @Override
    public FrontResponse handle(String route, FrontRequest request) throws IOException {
        String config = configs.get(route);
        if (config == null) {
            return FrontResponse.json(404, "{\"message\":\"no Route matched with those values\"}");
        }
        FakeKongPdk pdk = FakeKongPdk.request(request.method(), headers(request), query(request.rawQuery()),
                request.rawQuery());
        Worker w = worker.get();
        Integer instance = w.instances.get(route);
        if (instance == null) {
            instance = w.peer.startInstance("jwkgate", config);
            w.instances.put(route, instance);
        }
        EventOutcome outcome = w.peer.handleEvent(instance, "access", pdk);
        switch (outcome.kind()) {
            case EXITED: {
                List<Header> headers = new ArrayList<>();
                outcome.exitHeaders().forEach((name, value) -> headers.add(new Header(name, value)));
                return new FrontResponse(outcome.exitStatus(), headers, outcome.exitBody());
            }
            case COMPLETED: {
                List<Header> upstream = new ArrayList<>();
                for (String name : pdk.upstreamHeaders().keySet()) {
                    pdk.upstreamHeaderValues(name).forEach(value -> upstream.add(new Header(name, value)));
                }
                String query = pdk.upstreamRawQuery() != null ? pdk.upstreamRawQuery() : request.rawQuery();
                return EchoUpstream.answer(name(), route, upstream, query);
            }
            default:
                System.err.println("demo front: Kong would fail this request: " + outcome.kind() + " " + outcome.error());
                return FrontResponse.json(500, KONG_ERROR);
        }
    }

    /** {@code kong.request.get_headers()}: lower-case names, a repeated header as the list of its values. */
    private static Map<String, Object> headers(FrontRequest request) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        request.headers().forEach(h -> grouped.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .add(h.value()));
        Map<String, Object> table = new LinkedHashMap<>();
        grouped.forEach((name, values) -> table.put(name, values.size() == 1 ? values.get(0) : values));
        return table;
    }

    /** {@code kong.request.get_query()}: a String per name, {@code true} for a bare name, a list when repeated. */
    private static Map<String, Object> query(String rawQuery) {
        Map<String, List<Object>> grouped = new LinkedHashMap<>();
        NginxArgs.decode(rawQuery, MAX_ARGS).forEach(arg -> grouped.computeIfAbsent(arg.name(), n -> new ArrayList<>())
                .add(arg.value() == null ? Boolean.TRUE : arg.value()));
        Map<String, Object> table = new LinkedHashMap<>();
        grouped.forEach((name, values) -> table.put(name, values.size() == 1 ? values.get(0) : values));
        return table;
    }

    private Worker newWorker() {
        Worker w = new Worker();
        workers.add(w);
        return w;
    }

    /** Stops the plugin server as {@code kong stop} does. */
    @Override
    public void close() {
        for (Worker w : workers) {
            try {
                w.peer.close();
            } catch (IOException ignored) {
                // the server is going away anyway
            }
        }
        server.close();
        try {
            Files.deleteIfExists(server.socket());
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
