package dev.jwkgate.kong.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeTest {

    @Test
    void readmeConfigurationTableMatchesThePluginSchema() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).as("regenerate with SettingsTable.main").contains(SettingsTable.markdown());
    }
}
