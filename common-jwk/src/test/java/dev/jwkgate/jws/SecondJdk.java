package dev.jwkgate.jws;

import static org.assertj.core.api.Assertions.fail;

import dev.jwkgate.support.ExternalComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A JDK of release 25 or later beside the one running the tests, for differential tests against a JDK whose
 * ECDSA is right where JDK 17's is not. Found through the system property {@code jwkgate.jdk25.home}, the
 * environment variable {@code JDK25_HOME}, or the usual Linux place of Eclipse Temurin 25,
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64}.
 */
final class SecondJdk {

    static final String PROPERTY = "jwkgate.jdk25.home";
    static final String ENVIRONMENT = "JDK25_HOME";
    static final String DEFAULT_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";

    private SecondJdk() {
    }

    /**
     * The {@code java} launcher of the second JDK. Where there is none the calling test is skipped with a message
     * naming what to install; on CI ({@code CI=true}), where .ci/run provides it, it fails instead.
     */
    static Path javaOrSkip() {
        Optional<Path> java = java();
        if (java.isEmpty()) {
            String why = "no JDK 25 found (set -D" + PROPERTY + "=<JAVA_HOME> or " + ENVIRONMENT
                    + ", or install Eclipse Temurin 25 at " + DEFAULT_HOME + ")";
            if (ExternalComponent.onCi()) {
                fail(why + "; CI must provide it");
            }
            System.out.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        return java.get();
    }

    private static Optional<Path> java() {
        String home = System.getProperty(PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getenv(ENVIRONMENT);
        }
        if (home == null || home.isBlank()) {
            home = DEFAULT_HOME;
        }
        Path java = Path.of(home, "bin", "java");
        return Files.isExecutable(java) ? Optional.of(java) : Optional.empty();
    }
}
