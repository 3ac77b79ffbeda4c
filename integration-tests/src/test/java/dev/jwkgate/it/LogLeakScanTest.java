package dev.jwkgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads everything the modules built before this one logged while their tests ran (surefire and failsafe
 * output, server logs under target/) and fails on any private key material or whole signed token.
 * This module is last in the reactor, so the logs of core, Keycloak, APISIX and Kong tests exist by now.
 */
class LogLeakScanTest {

    private static final Path PROJECT = Path.of(System.getProperty("jwkgate.project.dir", ".."));

    @Test
    void noModuleLoggedKeyMaterialOrAWholeToken() throws IOException {
        List<Path> logs = logFiles();
        assertThat(logs).as("test output of the core module (is redirectTestOutputToFile on?)")
                .anyMatch(p -> p.toString().contains("common-jwk"));
        List<String> findings = new ArrayList<>();
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                for (String finding : SecretPatterns.findIn(lines.get(i))) {
                    findings.add(PROJECT.relativize(log) + ":" + (i + 1) + ": " + finding);
                }
            }
        }
        assertThat(findings).as("secrets in logs of " + logs.size() + " files").isEmpty();
    }

    private static List<Path> logFiles() throws IOException {
        List<Path> logs = new ArrayList<>();
        try (Stream<Path> modules = Files.list(PROJECT)) {
            for (Path target : modules.map(m -> m.resolve("target")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(target)) {
                    files.filter(Files::isRegularFile).filter(LogLeakScanTest::isLog).forEach(logs::add);
                }
            }
        }
        return logs;
    }

    private static boolean isLog(Path file) {
        String name = file.getFileName().toString();
        String path = file.toString();
        boolean testOutput = (path.contains("surefire-reports") || path.contains("failsafe-reports"))
                && name.endsWith("-output.txt");
        return testOutput || name.endsWith(".log");
    }
}
