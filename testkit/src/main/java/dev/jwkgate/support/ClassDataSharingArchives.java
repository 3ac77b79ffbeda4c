package dev.jwkgate.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the adapters' class-data-sharing tests observe of {@code dist/jwkgate-cds}: the archives a directory holds once
 * a training start has put one in place ({@code <name>.jsa} beside {@code <name>.jsa.size}), the training still under
 * way ({@code <name>.training}), and the archives a running JVM maps (Linux {@code /proc/<pid>/maps}).
 */
public final class ClassDataSharingArchives {

    private ClassDataSharingArchives() {
    }

    /** Waits (polling: nothing tells when a training start is done) until {@code dir} holds one wanted archive. */
    public static Path await(Path dir, Predicate<Path> wanted, Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> archives = files.filter(p -> p.toString().endsWith(".jsa")).filter(wanted)
                            .filter(p -> Files.exists(Path.of(p + ".size"))).toList();
                    if (archives.size() == 1) {
                        return archives.get(0);
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no archive in " + dir + " after " + limit);
    }

    /** Waits until no training start is under way anywhere below {@code root} (one gives up once its server is gone). */
    public static void awaitNoTraining(Path root, Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            try (Stream<Path> files = Files.walk(root)) {
                if (files.noneMatch(p -> p.getFileName().toString().endsWith(".training"))) {
                    return;
                }
            }
            Thread.sleep(250);
        }
    }

    /**
     * A test's cleanup: stops the servers it started (by PID, forcibly after 30 s), waits until no training start runs
     * below {@code dir}, and deletes {@code dir}, read-only parts included.
     */
    public static void stopAndDelete(List<Process> started, Path dir) throws IOException, InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        awaitNoTraining(dir, Duration.ofSeconds(60));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }

    /** The CDS archives the process maps, the JDK's own base archive ({@code java.home}) left out. */
    public static List<String> mappedBy(Process process) throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc", String.valueOf(process.pid()), "maps"))) {
            return maps.map(line -> line.substring(line.lastIndexOf(' ') + 1)).filter(path -> path.endsWith(".jsa"))
                    .filter(path -> !path.startsWith(System.getProperty("java.home"))).distinct().toList();
        }
    }

    /** The JVM's own CDS messages and crash words, none of which a start through {@code jwkgate-cds} may print. */
    public static final List<String> JVM_MESSAGES = List.of("][cds", "[cds,", "[cds]", "CDS", "shared archive", "SIGBUS");

    /**
     * Fails naming the start and the message when the output of a start ({@code <dir>/<name>.out}) holds one of
     * {@link #JVM_MESSAGES}; a start that wrote no output file passes.
     */
    public static void assertNoJvmMessages(Path dir, String... names) throws IOException {
        for (String name : names) {
            Path file = dir.resolve(name + ".out");
            String output = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            for (String message : JVM_MESSAGES) {
                if (output.contains(message)) {
                    throw new AssertionError("the start '" + name + "' printed '" + message + "': " + output);
                }
            }
        }
    }
}
