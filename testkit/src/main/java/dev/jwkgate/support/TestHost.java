package dev.jwkgate.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the tests that start servers need of the machine they run on: a free port the system picks, a system property
 * the build sets, a directory tree removed.
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
}
