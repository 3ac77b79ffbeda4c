package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** When the real-gateway tests run, skip, or fail: found by the variables or at the prefix, absent, absent on CI. */
class RequiresRealGatewaysTest {

    @TempDir
    Path empty;

    @Test
    void skipsWithTheMessageSayingHowToGetTheGatewaysWhenNoneIsInstalled() {
        ConditionEvaluationResult result = RequiresRealGateways.Condition.evaluate(Map.of("JWKGATE_GATEWAYS_HOME", empty.toString()));

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).contains(GatewayInstall.HOW_TO_GET_THEM);
        assertThat(GatewayInstall.HOW_TO_GET_THEM).contains("APISIX 3.18", "Kong 3.9.1", "JWKGATE_APISIX_BIN",
                "JWKGATE_KONG_BIN", "README.md", ".ci/run");
    }

    @Test
    void failsOnCiWhenNoneIsInstalledNamingWhatIsMissing() {
        Map<String, String> ci = Map.of("JWKGATE_GATEWAYS_HOME", empty.toString(), "CI", "true");

        assertThatThrownBy(() -> RequiresRealGateways.Condition.evaluate(ci))
                .hasMessageContaining("CI=true").hasMessageContaining("JWKGATE_APISIX_HOME")
                .hasMessageContaining("JWKGATE_KONG_BIN");
    }

    @Test
    void runsWithAnInstallTheVariablesName() throws IOException {
        Path apisix = Files.createDirectories(empty.resolve("a/apisix"));
        Files.createDirectories(empty.resolve("a/deps"));
        Path apisixBin = executable(empty.resolve("bin/apisix"));
        Path kongBin = executable(empty.resolve("bin/kong"));

        ConditionEvaluationResult result = RequiresRealGateways.Condition.evaluate(Map.of("CI", "true",
                "JWKGATE_GATEWAYS_HOME", empty.resolve("elsewhere").toString(),
                "JWKGATE_APISIX_HOME", apisix.getParent().toString(), "JWKGATE_APISIX_BIN", apisixBin.toString(),
                "JWKGATE_KONG_BIN", kongBin.toString()));

        assertThat(result.isDisabled()).isFalse();
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        file.toFile().setExecutable(true);
        return file;
    }
}
