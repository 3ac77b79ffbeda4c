package dev.jwkgate.it.e2e;

import dev.jwkgate.apisix.peer.ApisixPeer;
import dev.jwkgate.apisix.peer.Entry;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.apisix.support.RunnerProcess;
import dev.jwkgate.kong.it.PluginServerProcess;
import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.KongPeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Both deployables running as their gateways run them: the APISIX runner jar with the {@code jwkgate}
 * filter, and the Kong plugin server through its launcher. Each request goes through the gateway's own
 * protocol, played by that adapter's test peer. Thread-safe: every thread gets its own Kong worker.
 */
public final class Gateways implements AutoCloseable {

    private final Path dir;
    private final RunnerProcess runner;
    private final PluginServerProcess kong;
    private final ApisixPeer apisix;
    private final Map<String, Integer> kongSeqs = new ConcurrentHashMap<>();
    private final AtomicInteger seqs = new AtomicInteger(1);
    private final List<KongWorker> workers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<KongWorker> worker = ThreadLocal.withInitial(this::newWorker);

    /** One nginx worker of Kong: its socket pool and the instances it started, per config. */
    private final class KongWorker {
        final KongPeer peer = new KongPeer(kong.socket());
        final Map<String, Integer> instances = new HashMap<>();
    }

    private Gateways(Path dir, RunnerProcess runner, PluginServerProcess kong) {
        this.dir = dir;
        this.runner = runner;
        this.kong = kong;
        this.apisix = new ApisixPeer(runner.socket());
    }

    /** Starts both, with the deployables named by the build's system properties. */
    public static Gateways start() throws Exception {
        // Unix socket paths are limited to ~100 bytes: a short temporary directory, not target/
        Path dir = Files.createTempDirectory("e2e-gw");
        RunnerProcess runner = RunnerProcess.start(RunnerProcess.jarCommand(RunnerProcess.packagedJar(), List.of("-Xmx256m")),
                dir, 3600, Duration.ofSeconds(120));
        try {
            PluginServerProcess kong = PluginServerProcess.start(Path.of(required("jwkgate.kong.launcher")),
                    Path.of(required("jwkgate.kong.jar")), dir.resolve("jwkgate.socket"),
                    logDir().resolve("kong-plugin-server-" + ProcessHandle.current().pid() + ".log"), "-Xmx256m");
            return new Gateways(dir, runner, kong);
        } catch (Exception e) {
            runner.close();
            throw e;
        }
    }

    /** A request through APISIX's {@code ext-plugin-pre-req} with the route's conf; null token: none sent. */
    public Answer apisix(Policy policy, String token) {
        String conf = policy.apisixConf();
        ApisixPeer.Route route = ApisixPeer.Route.of(Integer.toString(conf.hashCode() & 0x7fffffff), "jwkgate", conf);
        PeerRequest request = PeerRequest.get("/e2e");
        if (token != null) {
            request.bearer(token);
        }
        RunnerAnswer answer = apisix.communicate(route, request);
        if (answer instanceof RunnerAnswer.Rewrite rewrite) {
            Map<String, String> forwarded = new LinkedHashMap<>();
            for (String header : policy.forwardClaims().values()) {
                rewrite.headerEntries(header).stream().map(Entry::value).filter(v -> v != null).findFirst()
                        .ifPresent(v -> forwarded.put(header.toLowerCase(Locale.ROOT), v));
            }
            return Answer.accepted(forwarded);
        }
        if (answer instanceof RunnerAnswer.Pass) {
            return Answer.accepted(Map.of());
        }
        if (answer instanceof RunnerAnswer.Stop stop) {
            return Answer.refused(stop.status() == 0 ? 200 : stop.status(), stop.body());
        }
        return new Answer(-1, "runner error " + answer, Map.of());
    }

    /** A request through Kong's access phase with the plugin config; null token: none sent. */
    public Answer kong(Policy policy, String token) {
        KongWorker w = worker.get();
        int seq = kongSeqs.computeIfAbsent(policy.apisixConf(), c -> seqs.incrementAndGet());
        String config = policy.kongConfig(seq, new UUID(0, seq).toString());
        Map<String, Object> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        FakeKongPdk request = FakeKongPdk.request("GET", headers);
        try {
            Integer id = w.instances.get(config);
            if (id == null) {
                id = w.peer.startInstance("jwkgate", config);
                w.instances.put(config, id);
            }
            EventOutcome outcome = w.peer.handleEvent(id, "access", request);
            switch (outcome.kind()) {
                case COMPLETED: {
                    Map<String, String> forwarded = new LinkedHashMap<>();
                    for (String header : policy.forwardClaims().values()) {
                        String name = header.toLowerCase(Locale.ROOT);
                        String value = request.upstreamHeaders().get(name);
                        if (value != null && !request.clearedHeaders().contains(name)) {
                            forwarded.put(name, value);
                        }
                    }
                    return Answer.accepted(forwarded);
                }
                case EXITED:
                    return Answer.refused(outcome.exitStatus(), outcome.body());
                default:
                    return new Answer(-1, "kong " + outcome.kind() + ": " + outcome.error(), Map.of());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the APISIX runner printed so far (APISIX copies it into error.log). */
    public List<String> apisixLog() {
        return runner.output();
    }

    /** What the Kong plugin server printed so far (Kong copies it into its error log). */
    public List<String> kongLog() {
        return kong.output();
    }

    private KongWorker newWorker() {
        KongWorker w = new KongWorker();
        workers.add(w);
        return w;
    }

    private static Path logDir() {
        return Path.of(System.getProperty("jwkgate.e2e.logDir", "target/gateway-logs"));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run the end-to-end tests through Maven (failsafe)");
        }
        return value;
    }

    @Override
    public void close() {
        for (KongWorker w : workers) {
            try {
                w.peer.close();
            } catch (IOException ignored) {
                // the server is going away anyway
            }
        }
        apisix.close();
        kong.close();
        runner.close();
        try {
            Files.createDirectories(logDir());
            Files.write(logDir().resolve("apisix-runner-" + ProcessHandle.current().pid() + ".log"), runner.output());
            Files.deleteIfExists(dir.resolve("runner.sock"));
            Files.deleteIfExists(dir.resolve("jwkgate.socket"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
