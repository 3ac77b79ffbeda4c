package dev.jwkgate.kong.it;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The deployable plugin server as Kong runs it: {@code exec <start_cmd>} through the launcher script,
 * stderr merged into stdout and read line by line (Kong relays each line into its log).
 */
final class PluginServerProcess implements AutoCloseable {

    private final Process process;
    private final Path socket;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    private PluginServerProcess(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
        Thread reader = new Thread(this::drain, "plugin-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code jwkgate --socket <socket>} and returns once the server says it is listening. */
    static PluginServerProcess start(Path socket) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", launcher(), "--socket", socket.toString())
                .redirectErrorStream(true);
        builder.environment().put("JWKGATE_JAR", jar());
        PluginServerProcess server = new PluginServerProcess(builder.start(), socket);
        server.listening.get(60, TimeUnit.SECONDS);
        return server;
    }

    static String launcher() {
        return System.getProperty("jwkgate.kong.launcher");
    }

    static String jar() {
        return System.getProperty("jwkgate.kong.jar");
    }

    Path socket() {
        return socket;
    }

    /** Every line the server printed so far. */
    List<String> output() {
        return List.copyOf(output);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as {@code kong stop} sends, and the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    /**
     * Also copies every line into {@code target/plugin-server-*.log}, so the build's log scan checks what
     * the server printed, just as Kong would have written it into its error log.
     */
    private void drain() {
        Path logFile = Path.of(System.getProperty("jwkgate.kong.logdir", "target"),
                "plugin-server-" + socket.getFileName() + "-" + process.pid() + ".log");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
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
