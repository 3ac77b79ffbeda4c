package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the real-gateway tests find the gateways: the variables, else the default prefix; and what they miss. */
class GatewayInstallTest {

    @TempDir
    Path dir;

    @Test
    void findsNoInstallWhereNeitherTheVariablesNorThePrefixNameOne() {
        Map<String, String> env = Map.of("JWKGATE_GATEWAYS_HOME", dir.toString());

        assertThat(GatewayInstall.find(env)).isEmpty();
        assertThat(GatewayInstall.missing(env)).hasSize(3).anyMatch(m -> m.contains("JWKGATE_APISIX_HOME"))
                .anyMatch(m -> m.contains("JWKGATE_APISIX_BIN")).anyMatch(m -> m.contains("JWKGATE_KONG_BIN"));
    }

    @Test
    void findsTheInstallTheVariablesName() throws IOException {
        Path apisix = Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(apisix.resolve("apisix"));
        Files.createDirectories(apisix.resolve("deps"));
        Map<String, String> env = Map.of("JWKGATE_GATEWAYS_HOME", dir.resolve("elsewhere").toString(),
                "JWKGATE_APISIX_HOME", apisix.toString(), "JWKGATE_APISIX_BIN", executable("bin/apisix").toString(),
                "JWKGATE_KONG_BIN", executable("bin/kong").toString());

        assertThat(GatewayInstall.find(env)).hasValueSatisfying(found -> {
            assertThat(found.apisixHome()).isEqualTo(apisix);
            assertThat(found.java()).isAbsolute();
        });
        assertThat(GatewayInstall.missing(env)).isEmpty();
    }

    @Test
    void theSkipMessageSaysWhatToInstallAndHow() {
        assertThat(GatewayInstall.WHAT).contains("APISIX 3.18.0", "Kong 3.9.1",
                "JWKGATE_APISIX_HOME", "JWKGATE_APISIX_BIN", "JWKGATE_KONG_BIN");
        assertThat(GatewayInstall.HOW_TO_GET_THEM).contains("README.md", ".ci/run");
    }

    private Path executable(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file;
    }
}
