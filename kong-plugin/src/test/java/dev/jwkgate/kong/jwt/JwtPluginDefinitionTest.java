package dev.jwkgate.kong.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.pdk.FailureAnswer;
import dev.jwkgate.result.HttpRejection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JwtPluginDefinitionTest {

    @Test
    void pluginServerFailuresAreAnsweredWithTheCoresOwn500() {
        FailureAnswer answer = new JwtPluginDefinition().failureAnswer();
        HttpRejection core = HttpRejection.internalError();
        assertThat(answer.status()).isEqualTo(core.status());
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(core.body());
        assertThat(answer.headers()).containsExactly(java.util.Map.entry("Content-Type", core.contentType()));
    }
}
