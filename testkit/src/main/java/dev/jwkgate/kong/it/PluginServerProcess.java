package dev.jwkgate.kong.it;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The deployable plugin server as Kong runs it: {@code exec <start_cmd>} through the launcher script,
 * stderr merged into stdout and read line by line (Kong relays each line into its log). Every line is
 * also copied into a {@code .log} file, so a build's log scan checks what the server printed, just as
 * Kong would have written it into its error log.
 */
public final class PluginServerProcess implements AutoCloseable {

    private static final int START_TIMEOUT_SECONDS = 90;

    private final Process process;
    private final Path socket;
    private final Path logFile;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    private PluginServerProcess(Process process, Path socket, Path logFile) {
        this.process = process;
        this.socket = socket;
        this.logFile = logFile;
        Thread reader = new Thread(this::drain, "plugin-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the launcher and jar named by the build's system properties ({@code jwkgate.kong.launcher},
     * {@code jwkgate.kong.jar}), logging into {@code jwkgate.kong.logdir} (default {@code target}).
     */
    public static PluginServerProcess start(Path socket) throws Exception {
        return start(Path.of(launcher()), Path.of(jar()), socket, null, "");
    }

    /**
     * Starts {@code sh <launcher> --socket <socket>} with {@code JWKGATE_JAR=<jar>} and returns once the
     * server says it is listening.
     *
     * @param logFile  where its output is copied; null for {@code plugin-server-<socket>-<pid>.log} in
     *                 {@code jwkgate.kong.logdir}
     * @param javaOpts the launcher's {@code JAVA_OPTS} (e.g. {@code -Xmx256m}), or "" for none
     */
    public static PluginServerProcess start(Path launcher, Path jar, Path socket, Path logFile, String javaOpts)
            throws Exception {
        return start(launcher, jar, socket, logFile, javaOpts, List.of());
    }

    /**
     * Starts it with {@code --log-file <serverLog>}, as kong-plugin/README.md tells operators to: the server logs into
     * that file, not to stderr; returns once the file says it is listening.
     */
    public static PluginServerProcess startLoggingTo(Path socket, Path serverLog) throws Exception {
        return start(Path.of(launcher()), Path.of(jar()), socket, null, "", List.of("--log-file", serverLog.toString()));
    }

    /**
     * As {@link #start(Path, Path, Path, Path, String)}, with {@code arguments} before {@code --socket} (e.g.
     * {@code --status-port 0}, {@code --log-file <path>}; with a log file, listening is read from that file).
     */
    public static PluginServerProcess start(Path launcher, Path jar, Path socket, Path logFile, String javaOpts,
                                            List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(arguments);
        command.addAll(List.of("--socket", socket.toString()));
        int logFileAt = arguments.indexOf("--log-file");
        Path serverLog = logFileAt < 0 ? null : Path.of(arguments.get(logFileAt + 1));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JWKGATE_JAR", jar.toString());
        if (!javaOpts.isEmpty()) {
            builder.environment().put("JAVA_OPTS", javaOpts);
        }
        if (logFile != null) {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        }
        PluginServerProcess server = new PluginServerProcess(builder.start(), socket, logFile);
        if (serverLog != null) {
            server.watchListening(serverLog);
        }
        try {
            server.listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("the Kong plugin server did not start: " + server.output(), e);
        }
        return server;
    }

    public static String launcher() {
        return System.getProperty("jwkgate.kong.launcher");
    }

    public static String jar() {
        return System.getProperty("jwkgate.kong.jar");
    }

    public Path socket() {
        return socket;
    }

    /** Every line the server printed so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as {@code kong stop} sends, and the exit code; SIGKILL after 30 s. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    /** Completes {@code listening} once the server's own log file announces it (polled: nothing else tells). */
    private void watchListening(Path serverLog) {
        Thread watcher = new Thread(() -> {
            while (!listening.isDone()) {
                try {
                    if (Files.exists(serverLog) && Files.readString(serverLog, StandardCharsets.UTF_8).contains("listening on")) {
                        listening.complete(null);
                    }
                    Thread.sleep(100);
                } catch (IOException e) {
                    listening.completeExceptionally(e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "plugin-server-log-file");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void drain() {
        Path file = logFile != null ? logFile : Path.of(System.getProperty("jwkgate.kong.logdir", "target"),
                "plugin-server-" + socket.getFileName() + "-" + process.pid() + ".log");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter log = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                log.write(line);
                log.newLine();
                log.flush();
                if (line.contains("listening on")) {
                    listening.complete(null);
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("plugin server exited: " + output));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                terminate();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
