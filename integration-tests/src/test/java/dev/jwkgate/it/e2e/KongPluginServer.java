package dev.jwkgate.it.e2e;

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
 * The deployable Kong plugin server started as Kong starts it ({@code exec} of the launcher with
 * {@code --socket}), its output kept line by line and copied into a {@code .log} for the build's leak scan.
 */
public final class KongPluginServer implements AutoCloseable {

    private final Process process;
    private final Path socket;
    private final Path logFile;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    private KongPluginServer(Process process, Path socket, Path logFile) {
        this.process = process;
        this.socket = socket;
        this.logFile = logFile;
        Thread reader = new Thread(this::drain, "kong-plugin-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code sh <launcher> --socket <socket>} with {@code JWKGATE_JAR=<jar>}; returns once it listens. */
    public static KongPluginServer start(Path launcher, Path jar, Path socket, Path logFile) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", launcher.toString(), "--socket", socket.toString())
                .redirectErrorStream(true);
        builder.environment().put("JWKGATE_JAR", jar.toString());
        builder.environment().put("JAVA_OPTS", "-Xmx256m");
        Files.createDirectories(logFile.getParent());
        KongPluginServer server = new KongPluginServer(builder.start(), socket, logFile);
        try {
            server.listening.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("the Kong plugin server did not start: " + server.output(), e);
        }
        return server;
    }

    public Path socket() {
        return socket;
    }

    /** Every line printed so far (what Kong would copy into its error log). */
    public List<String> output() {
        return List.copyOf(output);
    }

    private void drain() {
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
        listening.completeExceptionally(new IllegalStateException("plugin server exited"));
    }

    /** SIGTERM as {@code kong stop} sends it; SIGKILL after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
