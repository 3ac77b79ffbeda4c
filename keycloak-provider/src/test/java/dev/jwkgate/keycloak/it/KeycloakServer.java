package dev.jwkgate.keycloak.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real Keycloak distribution (unpacked from Maven Central by the build) run as a child process on
 * loopback, with the provider jar in {@code providers/}. Started once for all integration tests.
 */
public final class KeycloakServer implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-it-password";
    /** The rotating provider's scheduled pass runs every second here, so a seconds-scale schedule is visible. */
    static final int CHECK_INTERVAL_SECONDS = 1;

    private final Process process;
    private final Path log;
    private final Path vaultDir;
    private final int port;
    private Duration startTime;

    private KeycloakServer(Process process, Path log, Path vaultDir, int port, Duration startTime) {
        this.process = process;
        this.log = log;
        this.vaultDir = vaultDir;
        this.port = port;
        this.startTime = startTime;
    }

    public static KeycloakServer start() throws IOException, InterruptedException {
        Path home = Path.of(required("jwkgate.kc.home"));
        Path jar = Path.of(required("jwkgate.kc.providerJar"));
        Path work = Path.of(required("jwkgate.kc.workDir"));
        Files.createDirectories(work.resolve("tmp"));
        Path vault = Files.createDirectories(work.resolve("vault"));
        Files.copy(jar, home.resolve("providers/jwkgate-keycloak-provider.jar"), StandardCopyOption.REPLACE_EXISTING);
        deleteTree(home.resolve("data")); // a fresh database every run: tests never see an earlier run's realms
        Path log = work.resolve("keycloak.log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + freePort(),
                "--vault=file", "--vault-dir=" + vault,
                "--spi-keys--jwkgate-rotating--check-interval-seconds=" + CHECK_INTERVAL_SECONDS));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Keycloak's Vert.x writes under java.io.tmpdir: keep it inside the build directory
        builder.environment().put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + work.resolve("tmp"));
        Instant begin = Instant.now();
        Process process = builder.start();
        KeycloakServer server = new KeycloakServer(process, log, vault, port, null);
        // a safety net: no Keycloak outlives the test JVM, even when JUnit never gets to close it
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.awaitReady(Duration.ofMinutes(6));
        server.startTime = Duration.between(begin, Instant.now());
        System.out.printf("Keycloak ready on port %d after %d s (log %s)%n", port, server.startTime.toSeconds(), log);
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run the integration tests through Maven (failsafe)");
        }
        return value;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
