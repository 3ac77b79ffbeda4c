package dev.jwkgate.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the tests that start servers need of the machine they run on: a free port the system picks, a system property
 * the build sets, a directory tree removed, a line awaited in a log file or in a started process's output, servers
 * stopped.
 */
public final class TestHost {

    private TestHost() {
    }

    /** A loopback port nothing listens on now, picked by the system from its ephemeral range. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A system property the module's failsafe configuration sets; a clear failure when the test runs without it. */
    public static String requiredProperty(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run the integration tests through Maven (failsafe)");
        }
        return value;
    }

    /**
     * Closes each of these that was started (null when its start never happened or failed), in order, each even when an
     * earlier one failed to close: a gateway before the upstream it proxies to. The first failure is thrown, the others
     * suppressed in it.
     */
    public static void closeAll(AutoCloseable... started) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : started) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Deletes a directory and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The file's text once it holds {@code text} (a log line written after the answer the test saw); fails after 30 s,
     * showing what the file held.
     */
    public static String awaitInFile(Path file, String text) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String log = "";
        while (Instant.now().isBefore(deadline)) {
            log = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (log.contains(text)) {
                return log;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in " + file + " within 30 s: " + log);
    }

    /**
     * The process's output file once it holds {@code text} (the line a server prints when it accepts connections);
     * fails at once when the process exits first, or after {@code within}, showing the output.
     */
    public static String awaitInOutput(Process process, Path output, String text, Duration within)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            String log = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
            if (log.contains(text)) {
                return log;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the process exited (" + process.exitValue() + ") before '" + text + "': " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no '" + text + "' within " + within.toSeconds() + " s: " + log);
            }
            Thread.sleep(50);
        }
    }
}
