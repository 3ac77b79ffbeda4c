package dev.jwkgate.apisix.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The deployable runner jar started as APISIX starts it ({@code spawn_proc} in ext-plugin/init.lua): java
 * named by absolute path, an environment trimmed to {@code PATH} plus {@code APISIX_LISTEN_ADDRESS} and
 * {@code APISIX_CONF_EXPIRE_TIME}, stderr merged into stdout, SIGTERM then a kill after one second.
 */
public final class RunnerProcess implements AutoCloseable {

    private static final String LISTENING = "java runner is listening on the socket file";

    private final Process process;
    private final Path socket;
    private final List<String> output = new ArrayList<>();
    private boolean readerRunning = true;

    private RunnerProcess(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
        Thread reader = new Thread(this::readOutput, "runner-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The jar the build packaged, as failsafe passes it in {@code jwkgate.apisix.runnerJar}. */
    public static Path packagedJar() {
        String jar = System.getProperty("jwkgate.apisix.runnerJar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property jwkgate.apisix.runnerJar must name the packaged runner jar, got "
                    + jar + " (run through `mvn verify`)");
        }
        return Path.of(jar);
    }

    /** {@code java <jvmOptions> -jar <jar>}: how {@code ext-plugin.cmd} starts the runner. */
    public static List<String> jarCommand(Path jar, List<String> jvmOptions) {
        List<String> arguments = new ArrayList<>(jvmOptions);
        arguments.add("-jar");
        arguments.add(jar.toString());
        return arguments;
    }

    /**
     * Starts {@code java <javaArguments>} on {@code dir/runner.sock} and returns once the runner listens.
     *
     * @param confExpireSeconds what APISIX puts in {@code APISIX_CONF_EXPIRE_TIME} (always 3600)
     */
    public static RunnerProcess start(List<String> javaArguments, Path dir, long confExpireSeconds,
                                      Duration startTimeout) throws IOException, InterruptedException {
        Path socket = dir.resolve("runner.sock");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(javaArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear(); // nginx passes on only PATH, TZ and the APISIX variables
        env.put("PATH", path);
        env.put("APISIX_LISTEN_ADDRESS", "unix:" + socket);
        env.put("APISIX_CONF_EXPIRE_TIME", Long.toString(confExpireSeconds));
        RunnerProcess runner = new RunnerProcess(builder.start(), socket);
        if (!runner.awaitOutput(line -> line.contains(LISTENING), startTimeout)) {
            runner.close();
            throw new IllegalStateException("runner did not start listening within " + startTimeout + ":\n"
                    + String.join("\n", runner.output()));
        }
        return runner;
    }

    public Path socket() {
        return socket;
    }

    /** CPU time the runner process has used so far (all threads), for cost per request. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("the platform does not report process CPU time"));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the runner printed so far (what APISIX copies into error.log). */
    public synchronized List<String> output() {
        return List.copyOf(output);
    }

    /**
     * Keeps what the runner printed in the directory failsafe names ({@code jwkgate.apisix.itLogDir}), so a
     * failed run can be read afterwards; does nothing outside the build.
     */
    public void saveOutput(String name) throws IOException {
        String dir = System.getProperty("jwkgate.apisix.itLogDir");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name + ".log"), output(), StandardCharsets.UTF_8);
        }
    }

    /** Waits until a printed line matches; false on timeout or when the runner exits first. */
    public synchronized boolean awaitOutput(Predicate<String> line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < output.size(); checked++) {
                if (line.test(output.get(checked))) {
                    return true;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !process.isAlive() && !readerRunning) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    output.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the stream closes under the reader when the process is stopped: that is the end of the output
        } finally {
            synchronized (this) {
                readerRunning = false;
                notifyAll();
            }
        }
    }

    /** SIGTERM, one second's grace, then SIGKILL, as APISIX's {@code exit_worker} does. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
