package dev.jwkgate.it.gateways;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jwkgate.support.TestHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One real gateway process tree started by a test: the nginx master, its workers, and the Java process the gateway
 * spawned itself (APISIX's runner, Kong's plugin server). Stopped by PID: TERM to the master, KILL after a timeout,
 * then any process of the tree still alive. One instance directory per gateway, on a port checked free first.
 */
public abstract class RealGateway implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    protected final GatewayInstall install;
    protected final Path dir;
    protected final int port;
    protected final int upstreamPort;
    /** Top-level sections of the declarative configuration beside the routes (e.g. {@code consumers}). */
    protected final Map<String, Object> topLevel = new LinkedHashMap<>();
    private final List<ProcessHandle> tree = new ArrayList<>();
    private int deployed;
    private boolean deleteDirectoryOnClose;

    protected RealGateway(GatewayInstall install, Path dir, int port, int upstreamPort) {
        this.install = install;
        this.dir = dir;
        this.port = port;
        this.upstreamPort = upstreamPort;
    }

    /** "APISIX" or "Kong". */
    public abstract String name();

    /** The nginx master's PID file. */
    protected abstract Path pidFile();

    /** The gateway's error log (nginx's, under the instance's prefix). */
    public Path errorLog() {
        return dir.resolve("logs/error.log");
    }

    /** The instance's prefix, where a test may put files the gateway's Java process reads. */
    public Path home() {
        return dir;
    }

    /**
     * Further top-level sections of the declarative configuration (APISIX's {@code apisix.yaml}, Kong's
     * {@code kong.yml}; e.g. {@code consumers}), written with the next routes.
     */
    public void setTopLevel(String section, Object value) {
        topLevel.put(section, value);
    }

    /**
     * Where the gateway's Java process (APISIX's runner, Kong's plugin server) writes its log lines: APISIX copies
     * them into its error log; Kong's plugin server writes a file of its own ({@code --log-file}).
     */
    public abstract Path serverLog();

    /** Writes the routes where the running gateway picks them up. */
    protected abstract void write(List<Route> routes) throws IOException, InterruptedException;

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * Replaces the gateway's routes with these (plus a probe route) and waits until the gateway routes the probe:
     * both gateways reload routes while running, as a platform team changes them.
     */
    public synchronized void deploy(List<Route> routes) {
        String probe = "deployed-" + (++deployed);
        List<Route> all = new ArrayList<>(routes);
        all.add(Route.open(probe));
        try {
            write(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        await(name() + " routes " + probe, Duration.ofSeconds(30), () -> status("/" + probe + "/probe") == 200);
    }

    /** The nginx master. */
    public ProcessHandle master() {
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).trim());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name() + " master " + pid + " is gone"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Java process the gateway spawned (runner / plugin server), if one runs now. */
    public Optional<ProcessHandle> javaProcess() {
        return master().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /** The error log so far. */
    public String errorLogText() {
        try {
            return Files.exists(errorLog()) ? Files.readString(errorLog(), StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Java process's log so far. */
    public String serverLogText() {
        try {
            return Files.exists(serverLog()) ? Files.readString(serverLog(), StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the gateway's command, waits for its PID file and its port, and remembers its process tree. */
    protected void launch(ProcessBuilder command, Duration limit) throws IOException, InterruptedException {
        Path cliLog = dir.resolve("cli.log");
        Process cli = command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(cliLog.toFile())).start();
        if (!cli.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new IllegalStateException(name() + " start did not return within " + limit + ": " + Files.readString(cliLog));
        }
        if (cli.exitValue() != 0 || !Files.exists(pidFile())) {
            throw new IllegalStateException(name() + " did not start (exit " + cli.exitValue() + "):\n" + Files.readString(cliLog)
                    + "\n" + tail(errorLogText(), 3000) + "\n" + (serverLog().equals(errorLog()) ? "" : tail(serverLogText(), 3000)));
        }
        tree.add(master());
        // a safety net: no gateway outlives the test JVM, even when JUnit never gets to close it
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopProcesses));
        await(name() + " answering on port " + port, limit, () -> status("/") > 0);
    }

    /** Status of a GET without a token, -1 when nothing answers. */
    int status(String path) {
        try {
            return PROBE.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits for a line of the Java process's log (counted from {@code from} characters on) holding every needle; returns it. */
    public String awaitLog(String what, int from, Duration limit, String... needles) {
        String[] found = new String[1];
        await(what, limit, () -> {
            String log = serverLogText();
            found[0] = log.length() <= from ? null : log.substring(from).lines()
                    .filter(line -> java.util.Arrays.stream(needles).allMatch(line::contains)).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    static void await(String what, Duration limit, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + limit + " waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A fresh directory for gateway instances, under /tmp rather than target/: the gateways' workers (user
     * {@code nobody} when started as root) must search every parent. {@link #deleteScratch} removes it.
     */
    public static Path scratchDirectory(String prefix) throws IOException {
        return openDirectory(Files.createTempDirectory(Path.of("/tmp"), prefix));
    }

    /** Deletes a {@link #scratchDirectory} and everything in it (stop its gateways first). */
    public static void deleteScratch(Path dir) throws IOException {
        TestHost.deleteTree(dir);
    }

    /** A directory the gateway's workers (user {@code nobody} when started as root) can read and search. */
    static Path openDirectory(Path path) throws IOException {
        Files.createDirectories(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    /** Writes a file in one step, so a gateway watching it never reads half of it. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text);
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(String text, int chars) {
        return text.substring(Math.max(0, text.length() - chars));
    }

    /**
     * Stops the master by PID (TERM, KILL after 15 s), then every process of its tree still alive; keeps the logs
     * (and deletes the directory when told to).
     */
    @Override
    public void close() {
        stopProcesses();
        keepLogs();
        if (deleteDirectoryOnClose) {
            try {
                deleteScratch(dir);
            } catch (IOException e) {
                System.err.println("could not delete " + dir + ": " + e);
            }
        }
    }

    /** Deletes the gateway's directory (a {@link #scratchDirectory} of its own) when it is closed, after keeping its logs. */
    public void deleteDirectoryOnClose() {
        deleteDirectoryOnClose = true;
    }

    private synchronized void stopProcesses() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle root : tree) {
            root.descendants().forEach(all::add);
            all.add(root);
        }
        for (ProcessHandle root : tree) {
            root.destroy();
            try {
                root.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                root.destroyForcibly();
            }
        }
        for (ProcessHandle p : all) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        tree.clear();
    }

    /** Copies the gateway's logs to the build's log directory (scanned for leaked secrets at the end of the build). */
    private void keepLogs() {
        Path logs = Path.of(System.getProperty("jwkgate.e2e.logDir", "target/gateway-logs"));
        try {
            Files.createDirectories(logs);
            String base = "real-" + name().toLowerCase(java.util.Locale.ROOT) + "-" + dir.getFileName() + "-";
            // a gateway started in a test beside a shared one has the same directory name: keep both runs' logs
            String prefix = base;
            for (int n = 2; Files.exists(logs.resolve(prefix + "error.log")); n++) {
                prefix = base + n + "-";
            }
            if (Files.exists(errorLog())) {
                Files.copy(errorLog(), logs.resolve(prefix + "error.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!serverLog().equals(errorLog()) && Files.exists(serverLog())) {
                Files.copy(serverLog(), logs.resolve(prefix + serverLog().getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Path access = errorLog().resolveSibling("access.log");
            if (Files.exists(access)) {
                Files.copy(access, logs.resolve(prefix + "access.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("could not keep the " + name() + " logs: " + e);
        }
    }

    /** For subclasses: a JSON-ready map. */
    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
