package dev.jwkgate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.Platform;
import dev.jwkgate.config.Setting;
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
    void readmeMigrationTableMatchesTheCode() throws IOException {
        assertThat(between(readme(), ReferenceTables.COUNTERPARTS_BEGIN, ReferenceTables.COUNTERPARTS_END))
                .as("regenerate with: java -jar common-jwk/target/common-jwk-*-cli.jar reference")
                .isEqualTo(ReferenceTables.counterparts().strip());
    }

    @Test
    void everyNameBorrowedFromKongIsListedWithItsKongMeaning() {
        for (Setting setting : Setting.values()) {
            String kongName = setting.nameOn(Platform.KONG);
            if (kongName.equals(setting.settingName())) {
                continue;
            }
            assertThat(PlatformCounterparts.rows()).as("migration row for %s (Kong: %s)", setting, kongName)
                    .anySatisfy(row -> {
                        assertThat(row.setting()).isEqualTo(setting);
                        assertThat(row.kongJwt() + " " + row.kongOidc()).contains("`" + kongName + "`");
                    });
        }
    }

    @Test
    void aSettingWhoseKongNameWasDroppedSaysWhy() {
        for (PlatformCounterparts.Row row : PlatformCounterparts.rows()) {
            if (row.setting().nameOn(Platform.KONG).equals(row.setting().settingName())
                    && (row.kongJwt() + row.kongOidc()).contains("`")
                    && !(row.kongJwt() + row.kongOidc()).contains("`" + row.setting().settingName() + "`")) {
                assertThat(row.migration()).as(row.setting().settingName()).containsAnyOf("not borrowed", "Not Kong");
            }
        }
    }

    @Test
    void readmeReasonCodeTableMatchesTheCode() throws IOException {
        assertThat(between(readme(), ReferenceTables.REASONS_BEGIN, ReferenceTables.REASONS_END))
                .as("regenerate with: java -jar common-jwk/target/common-jwk-*-cli.jar reference")
                .isEqualTo(ReferenceTables.reasons().strip());
    }
}
