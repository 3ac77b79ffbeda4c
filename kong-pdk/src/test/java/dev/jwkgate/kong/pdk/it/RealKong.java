package dev.jwkgate.kong.pdk.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The gateway kit's real Kong 3.9.1 for one test class: DB-less, one worker, one external plugin server Kong starts
 * itself ({@code pluginserver_<name>_start_cmd}, its schema read through {@code query_cmd}), started and stopped
 * with the kit's {@code kong/gateway.sh} (which checks the ports and stops by PID). Needs {@code JWKGATE_GATEWAYS_KIT}.
 */
public final class RealKong implements AutoCloseable {

    private final Path gateway;
    private final Path work;
    private final Path prefix;
    private final String logCopy;
    private boolean started;

    private RealKong(Path gateway, Path work, String logCopy) {
        this.gateway = gateway;
        this.work = work;
        this.prefix = work.resolve("prefix");
        this.logCopy = logCopy;
    }

    /**
     * Starts Kong and waits until the plugin server listens.
     *
     * @param server      the plugin server's command line without {@code --socket}/{@code -dump} (Java by absolute path)
     * @param serverName  the plugin server's (and its plugin's) name
     * @param plugins     the {@code plugins} line: the server's plugin and the bundled ones the test uses
     * @param declarative the declarative configuration (kong.yml)
     * @param proxyPort   the proxy port on 127.0.0.1
     * @param moreConf    further kong.conf lines
     * @param logCopy     file name under {@code target/} that keeps Kong's error log after {@link #close()}
     */
    public static RealKong start(String server, String serverName, List<String> plugins, String declarative,
                                 int proxyPort, List<String> moreConf, String logCopy) throws Exception {
        Path work = Files.createTempDirectory(Path.of("/tmp"), "real-kong-" + serverName);
        // nginx workers may run as another user: every directory on the way must be searchable
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        RealKong kong = new RealKong(Path.of(System.getenv("JWKGATE_GATEWAYS_KIT"), "kong", "gateway.sh"), work, logCopy);
        try {
            kong.start(server, serverName, plugins, declarative, proxyPort, moreConf);
            return kong;
        } catch (Exception | AssertionError e) {
            kong.close();
            throw e;
        }
    }

    private void start(String server, String serverName, List<String> plugins, String declarative, int proxyPort,
                       List<String> moreConf) throws Exception {
        Path socket = prefix.resolve("sockets").resolve(serverName + ".socket");
        Path kongYml = Files.writeString(work.resolve("kong.yml"), declarative);
        List<String> conf = new ArrayList<>(List.of(
                "database = off",
                "declarative_config = " + kongYml,
                "router_flavor = traditional",
                "proxy_listen = 127.0.0.1:" + proxyPort,
                "admin_listen = off",
                "admin_gui_listen = off",
                "status_listen = off",
                "stream_listen = off",
                "nginx_worker_processes = 1",
                // the plugin server may read its classes from the build's directories and Maven's repository
                "nginx_user = root root",
                "plugins = " + String.join(",", plugins),
                "pluginserver_names = " + serverName,
                "pluginserver_" + serverName + "_socket = " + socket,
                "pluginserver_" + serverName + "_start_cmd = " + server + " --socket " + socket,
                "pluginserver_" + serverName + "_query_cmd = " + server + " -dump"));
        conf.addAll(moreConf);
        Path kongConf = Files.writeString(work.resolve("kong.conf"), String.join("\n", conf) + "\n");
        Process start = new ProcessBuilder(gateway.toString(), "start", "-c", kongConf.toString(), "-d",
                prefix.toString(), "-p", String.valueOf(proxyPort), "-s", socket.toString(), "-t", "120")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String pid = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!start.waitFor(180, TimeUnit.SECONDS) || start.exitValue() != 0 || !pid.matches("\\d+")) {
            throw new AssertionError("Kong did not start (see " + errorLog() + ")");
        }
        started = true;
    }

    /** Kong's prefix (a request body nginx buffers to disk lands under it). */
    public Path prefix() {
        return prefix;
    }

    public Path errorLog() {
        return prefix.resolve("logs/error.log");
    }

    /** A Java command line with these arguments, Java by absolute path ({@code JWKGATE_JAVA}, else this JVM's). */
    public static String javaCommand(String... arguments) {
        String java = System.getenv("JWKGATE_JAVA");
        if (java == null || java.isBlank()) {
            java = ProcessHandle.current().info().command().orElseThrow();
        }
        return java + " -Xmx128m -XX:+UseSerialGC " + String.join(" ", arguments);
    }

    /** Stops Kong by its PID, keeps its error log under {@code target/} (the build's log-leak scan reads it), deletes the rest. */
    @Override
    public void close() throws Exception {
        if (started) {
            new ProcessBuilder(gateway.toString(), "stop", "-d", prefix.toString()).inheritIO().start()
                    .waitFor(60, TimeUnit.SECONDS);
            started = false;
        }
        if (Files.exists(errorLog())) {
            Files.copy(errorLog(), Files.createDirectories(Path.of("target")).resolve(logCopy),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
