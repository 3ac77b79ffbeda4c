package dev.jwkgate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README documents every setting and reason code exactly as the code defines them. */
class ReadmeReferenceTest {

    private static String readme() throws IOException {
        return Files.readString(Path.of(System.getProperty("jwkgate.project.dir", ".."), "README.md"));
    }

    private static String between(String text, String begin, String end) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from).as("README has marker " + begin).isNotNegative();
        assertThat(to).as("README has marker " + end).isGreaterThan(from);
        return text.substring(from + begin.length(), to).strip();
    }

    @Test
    void readmeSettingsTableMatchesTheCode() throws IOException {
        assertThat(between(readme(), ReferenceTables.SETTINGS_BEGIN, ReferenceTables.SETTINGS_END))
                .as("regenerate with: java -jar common-jwk/target/common-jwk-*-cli.jar reference")
                .isEqualTo(ReferenceTables.settings().strip());
    }

    @Test
    void readmeReasonCodeTableMatchesTheCode() throws IOException {
        assertThat(between(readme(), ReferenceTables.REASONS_BEGIN, ReferenceTables.REASONS_END))
                .as("regenerate with: java -jar common-jwk/target/common-jwk-*-cli.jar reference")
                .isEqualTo(ReferenceTables.reasons().strip());
    }
}
