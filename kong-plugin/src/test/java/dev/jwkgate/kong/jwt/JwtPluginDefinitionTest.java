package dev.jwkgate.kong.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.kong.pdk.FailureAnswer;
import dev.jwkgate.kong.pdk.KongPlugin;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.source.SourceStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JwtPluginDefinitionTest {

    @Test
    void pluginServerFailuresAreAnsweredWithTheCoresOwn500() {
        FailureAnswer answer = new JwtPluginDefinition().failureAnswer();
        HttpRejection core = HttpRejection.internalError();
        assertThat(answer.status()).isEqualTo(core.status());
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(core.body());
        assertThat(answer.headers()).containsExactly(Map.entry("Content-Type", core.contentType()));
    }

    @Test
    void closingTheInstanceReleasesItsPolicyAndWithItTheKeySourceNoOtherInstanceUses() {
        String jwksUri = "http://127.0.0.1:9/jwks-" + UUID.randomUUID();
        JwtPluginDefinition definition = new JwtPluginDefinition();
        KongPlugin first = definition.newInstance(Map.of("issuer", "https://idp.example", "jwks_uri", jwksUri));
        KongPlugin second = definition.newInstance(Map.of("issuer", "https://idp.example", "jwks_uri", jwksUri,
                "leeway", 5));

        first.close();
        assertThat(liveSources()).contains(jwksUri);
        second.close();
        assertThat(liveSources()).doesNotContain(jwksUri);
    }

    private static List<String> liveSources() {
        return KeySourceRegistry.shared().statuses().stream().map(SourceStatus::location).toList();
    }
}
