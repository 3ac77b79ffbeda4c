package dev.jwkgate.keycloak.it;

import dev.jwkgate.support.TestHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Keycloak distribution (unpacked from Maven Central by the build) run as a child process on
 * loopback, with the provider jar in {@code providers/}. Started once for all integration tests.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-it-password";
    /** The rotating provider's scheduled pass runs every second here, so a seconds-scale schedule is visible. */
    static final int CHECK_INTERVAL_SECONDS = 1;

    private final List<String> command;
    private final Path work;
    private final Path log;
    private final Path vaultDir;
    private final String baseUrl;
    /** Where the management interface listens (health, metrics); null when the command does not set its port. */
    private final String managementUrl;
    private final java.util.Map<String, String> environment;
    private volatile Process process;
    private Duration startTime;

    private KeycloakServer(List<String> command, Path work, Path vaultDir) {
        this(command, work, vaultDir, java.util.Map.of());
    }

    private KeycloakServer(List<String> command, Path work, Path vaultDir, java.util.Map<String, String> environment) {
        this.command = List.copyOf(command);
        this.environment = java.util.Map.copyOf(environment);
        this.work = work;
        this.log = work.resolve("keycloak.log");
        this.vaultDir = vaultDir;
        String port = command.stream().filter(a -> a.startsWith("--http-port=")).findFirst().orElseThrow().substring(12);
        this.baseUrl = "http://127.0.0.1:" + port;
        this.managementUrl = command.stream().filter(a -> a.startsWith("--http-management-port=")).findFirst()
                .map(a -> "http://127.0.0.1:" + a.substring(a.indexOf('=') + 1)).orElse(null);
    }

    public static KeycloakServer start() throws IOException, InterruptedException {
        Path home = Path.of(TestHost.requiredProperty("jwkgate.kc.home"));
        Path jar = Path.of(TestHost.requiredProperty("jwkgate.kc.providerJar"));
        Path work = Path.of(TestHost.requiredProperty("jwkgate.kc.workDir"));
        Files.createDirectories(work.resolve("tmp"));
        Path vault = Files.createDirectories(work.resolve("vault"));
        Files.copy(jar, home.resolve("providers/jwkgate-keycloak-provider.jar"), StandardCopyOption.REPLACE_EXISTING);
        TestHost.deleteTree(home.resolve("data")); // a fresh database every run: tests never see an earlier run's realms
        Files.deleteIfExists(work.resolve("keycloak.log"));
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + TestHost.freePort(),
                "--http-management-port=" + TestHost.freePort(),
                // Keycloak's Micrometer metrics on the management port's /metrics: RotationMetricsIT reads the rotation's there
                "--metrics-enabled=true",
                "--vault=file", "--vault-dir=" + vault,
                "--spi-keys--jwkgate-rotating--check-interval-seconds=" + CHECK_INTERVAL_SECONDS));
        KeycloakServer server = new KeycloakServer(command, work, vault);
        // a safety net: no Keycloak outlives the test JVM, even when JUnit never gets to close it
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.launch();
        return server;
    }

    /**
     * A server of an already built distribution ({@code kc.sh start --optimized …}), logging to
     * {@code work/keycloak.log}: a node of the cluster suite. Not yet started: call {@link #startAgain()}.
     */
    public static KeycloakServer node(Path home, Path work, Path vault, List<String> arguments, java.util.Map<String, String> environment)
            throws IOException {
        Files.createDirectories(work.resolve("tmp"));
        Files.deleteIfExists(work.resolve("keycloak.log"));
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(arguments);
        KeycloakServer server = new KeycloakServer(command, work, vault, environment);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    /** SIGKILL to the server's JVM and its launcher: no shutdown hook, no commit of anything in flight. */
    public void kill() {
        Process process = this.process;
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + handle.pid() + " survived SIGKILL", e);
            }
        }
    }

    public boolean isRunning() {
        Process process = this.process;
        return process != null && process.isAlive();
    }

    /** Starts the stopped server again: same port, same database, same providers (no re-build). */
    public void startAgain() throws IOException, InterruptedException {
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Keycloak's Vert.x writes under java.io.tmpdir: keep it inside the build directory
        builder.environment().put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + work.resolve("tmp"));
        builder.environment().putAll(environment);
        Instant begin = Instant.now();
        process = builder.start();
        awaitReady(Duration.ofMinutes(6));
        startTime = Duration.between(begin, Instant.now());
        System.out.printf("Keycloak ready at %s after %d s (log %s)%n", baseUrl(), startTime.toSeconds(), log);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The management port's {@code /metrics} (Prometheus text), as an operator's scraper reads it. */
    public String metrics() {
        if (managementUrl == null) {
            throw new IllegalStateException("this server was started without --http-management-port");
        }
        try {
            // HTTP/1.1, as Prometheus scrapes: the JDK client's default h2c upgrade against the management port once
            // read the plain-text answer as HTTP/2 frames ("Frame type(95) length(6906739) exceeds MAX_FRAME_SIZE")
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create(managementUrl + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + managementUrl + "/metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String issuer(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public Duration startTime() {
        return startTime;
    }

    /** Keycloak's file vault reads {@code <realm>_<name>} from the vault directory. */
    public void putVaultSecret(String realm, String name, String value) throws IOException {
        Files.writeString(vaultDir.resolve(realm.replace("_", "__") + "_" + name.replace("_", "__")), value);
    }

    /** The server's output so far (audit lines of the rotation task are asserted from it). */
    public String log() {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(issuer("master") + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        stop();
        throw new IllegalStateException("Keycloak not ready after " + limit + ":\n" + tail());
    }

    private String tail() {
        String text = log();
        return text.substring(Math.max(0, text.length() - 4000));
    }

    /** SIGTERM to kc.sh and the java it started (kc.sh may have exec'd or forked it), then wait. */
    public void stop() {
        Process process = this.process;
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }



}
