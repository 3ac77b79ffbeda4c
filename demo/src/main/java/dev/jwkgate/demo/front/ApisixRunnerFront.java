package dev.jwkgate.demo.front;

import dev.jwkgate.apisix.peer.ApisixPeer;
import dev.jwkgate.apisix.peer.Entry;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.apisix.support.RunnerProcess;
import dev.jwkgate.it.e2e.Policy;
import io.github.api7.A6.Method;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * APISIX without APISIX: the runner jar the gateway would start, with the {@code jwkgate} filter on each route,
 * driven through {@code ext-plugin-pre-req} as APISIX drives it (the apisix-plugin test peer). The request goes
 * to the runner as APISIX hands it over (header names lower-case, every value, the query decoded into args, the
 * client's address); a Stop comes back to the client unchanged; a Rewrite or a pass goes on to the
 * {@link EchoUpstream} with the runner's changes applied.
 */
public final class ApisixRunnerFront implements GatewayFront {

    /** {@code ngx.req.get_uri_args()}'s default limit, which APISIX's ext-plugin uses. */
    private static final int MAX_ARGS = 100;
    private static final Set<String> A6_METHODS = Set.copyOf(Arrays.asList(Method.names));

    private final Map<String, Policy> routes;
    private final RunnerProcess runner;
    private final ApisixPeer peer;
    private final Path dir;
    private final Path logFile;

    private ApisixRunnerFront(Map<String, Policy> routes, RunnerProcess runner, Path dir, Path logFile) {
        this.routes = Map.copyOf(routes);
        this.runner = runner;
        this.peer = new ApisixPeer(runner.socket());
        this.dir = dir;
        this.logFile = logFile;
    }

    /**
     * Starts the runner jar as APISIX starts it, on a socket in a new temporary directory (a Unix socket path
     * must stay short); what it prints goes to {@code logFile} when the front closes.
     */
    public static ApisixRunnerFront start(Path runnerJar, Map<String, Policy> routes, Path logFile)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("demo-apisix");
        RunnerProcess runner = RunnerProcess.start(RunnerProcess.jarCommand(runnerJar, List.of("-Xmx256m")), dir, 3600,
                Duration.ofSeconds(120));
        return new ApisixRunnerFront(routes, runner, dir, logFile);
    }

    @Override
    public String name() {
        return "apisix";
    }

    @Override
    public FrontResponse handle(String route, FrontRequest request) {
        Policy policy = routes.get(route);
        if (policy == null) {
            return FrontResponse.json(404, "{\"error_msg\":\"404 Route Not Found\"}");
        }
        if (!A6_METHODS.contains(request.method())) {
            return FrontResponse.json(405, "{\"error_msg\":\"the ext-plugin protocol has no method " + request.method() + "\"}");
        }
        PeerRequest call = PeerRequest.of(request.method(), request.path()).sourceIp(request.client().getAddress());
        request.headers().forEach(header -> call.header(header.name(), header.value()));
        NginxArgs.decode(request.rawQuery(), MAX_ARGS).forEach(arg -> call.arg(arg.name(), arg.value()));
        String conf = policy.apisixConf();
        RunnerAnswer answer = peer.communicate(ApisixPeer.Route.of(route, "jwkgate", conf), call);
        if (answer instanceof RunnerAnswer.Stop stop) {
            List<Header> headers = stop.headers().stream().map(e -> new Header(e.name(), e.value())).toList();
            return new FrontResponse(stop.status(), headers, stop.body().getBytes(StandardCharsets.UTF_8));
        }
        List<Header> upstream = lowerCased(request.headers());
        String query = request.rawQuery();
        if (answer instanceof RunnerAnswer.Rewrite rewrite) {
            rewrite.headers().forEach(change -> set(upstream, change));
            if (!rewrite.args().isEmpty()) {
                List<Entry> args = new ArrayList<>(call.args());
                setArgs(args, rewrite.args());
                query = encode(args);
            }
        }
        return EchoUpstream.answer(name(), route, upstream, query);
    }

    private static List<Header> lowerCased(List<Header> headers) {
        List<Header> out = new ArrayList<>();
        headers.forEach(h -> out.add(new Header(h.name().toLowerCase(Locale.ROOT), h.value())));
        return out;
    }

    /** {@code core.request.set_header}: replaces every copy of the name; no value removes them. */
    private static void set(List<Header> headers, Entry change) {
        String name = change.name().toLowerCase(Locale.ROOT);
        headers.removeIf(h -> h.name().equals(name));
        if (change.value() != null) {
            headers.add(new Header(name, change.value()));
        }
    }

    /** Rewrite args: the first entry of a name replaces the request's, later ones add to it; no value removes. */
    private static void setArgs(List<Entry> args, List<Entry> changes) {
        List<String> replaced = new ArrayList<>();
        for (Entry change : changes) {
            if (!replaced.contains(change.name())) {
                args.removeIf(a -> a.name().equals(change.name()));
                replaced.add(change.name());
            }
            if (change.value() != null) {
                args.add(change);
            }
        }
    }

    /** The args as the upstream's query string ({@code ngx.encode_args}: a bare name stays bare). */
    private static String encode(List<Entry> args) {
        List<String> pieces = new ArrayList<>();
        for (Entry arg : args) {
            String name = URLEncoder.encode(arg.name(), StandardCharsets.UTF_8).replace("+", "%20");
            pieces.add(arg.value() == null ? name
                    : name + "=" + URLEncoder.encode(arg.value(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("&", pieces);
    }

    /** Stops the runner as APISIX does and keeps what it printed. */
    @Override
    public void close() {
        peer.close();
        runner.close();
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.write(logFile, runner.output(), StandardCharsets.UTF_8);
            Files.deleteIfExists(runner.socket());
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
