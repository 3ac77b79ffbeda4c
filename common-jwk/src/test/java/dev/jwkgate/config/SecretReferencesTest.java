package dev.jwkgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${env:NAME}} and {@code ${file:/path}} in secret settings: resolved when read, never shown. */
class SecretReferencesTest {

    private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA";
    private static final Map<String, String> ENVIRONMENT = Map.of("JWT_SECRET", SECRET, "JWKS_TOKEN", "t0k3n");

    @TempDir
    Path dir;

    private static JwkGateConfig read(Map<String, Object> settings) {
        return JwkGateConfig.fromMap(settings, ConfigProfile.LIBRARY, new SecretReferences(ENVIRONMENT::get));
    }

    private static Map<String, Object> hmac(String secret) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("issuer", "https://idp.example");
        settings.put("hmac_secrets", Map.of("k1", secret));
        return settings;
    }

    @Test
    void resolvesAnEnvironmentReferenceInAnHmacSecret() {
        assertThat(read(hmac("${env:JWT_SECRET}")).stringMap(Setting.HMAC_SECRETS)).containsEntry("k1", SECRET);
    }

    @Test
    void resolvesAFileReferenceWithoutItsTrailingLineBreak() throws Exception {
        Path file = Files.writeString(dir.resolve("hmac"), SECRET + "\n", StandardCharsets.UTF_8);
        assertThat(read(hmac("${file:" + file + "}")).stringMap(Setting.HMAC_SECRETS)).containsEntry("k1", SECRET);
    }

    @Test
    void resolvesAReferenceInsideAHeaderValue() {
        Map<String, Object> settings = new HashMap<>(Map.of("issuer", "https://idp.example",
                "jwks_uri", "https://idp.example/jwks",
                "jwks_request_headers", Map.of("Authorization", "Bearer ${env:JWKS_TOKEN}")));
        assertThat(read(settings).stringMap(Setting.JWKS_REQUEST_HEADERS)).containsEntry("Authorization", "Bearer t0k3n");
    }

    @Test
    void refusesAnUnsetVariableNamingTheReferenceOnly() {
        assertThatThrownBy(() -> read(hmac("${env:MISSING}"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hmac_secrets.k1: ${env:MISSING} is not set in the environment");
    }

    @Test
    void refusesAnUnreadableOrRelativeFile() {
        assertThatThrownBy(() -> read(hmac("${file:" + dir.resolve("absent") + "}")))
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> read(hmac("${file:relative/secret}"))).hasMessageContaining("absolute path");
    }

    @Test
    void leavesSettingsThatAreNotSecretAlone() {
        Map<String, Object> settings = new HashMap<>(Map.of("issuer", "https://idp.example/${env:JWT_SECRET}",
                "jwks_uri", "https://idp.example/jwks"));
        assertThat(read(settings).issuer()).isEqualTo("https://idp.example/${env:JWT_SECRET}");
    }

    @Test
    void neverShowsAResolvedSecret() {
        JwkGateConfig config = read(hmac("${env:JWT_SECRET}"));
        assertThat(config.toString()).doesNotContain(SECRET);
    }
}
