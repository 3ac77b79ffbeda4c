package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.leaks.IssuedSecrets;
import dev.jwkgate.leaks.LeakScan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact-value leak scan over the build so far: every private key parameter, HMAC secret and token
 * signature the tests of any module made ({@code target/issued-secrets/}) is searched for in every module's
 * test output and {@code *.log} files — core, Keycloak, APISIX, and this module's unit tests and plugin-server
 * logs. Runs as an integration test so every unit test of the reactor before it has finished writing.
 */
class SecretsNeverLoggedIT {

    private static final Path PROJECT = Path.of(System.getProperty("jwkgate.project.dir", ".."));

    @Test
    void noTestOutputHoldsASecretOrSignatureATestIssued() throws Exception {
        Map<String, String> issued = IssuedSecrets.load(PROJECT);
        List<Path> logs = LeakScan.logFiles(PROJECT);
        assertThat(issued).as("secrets recorded by this build's tests (does testkit's IssuedSecrets record them?)")
                .hasSizeGreaterThan(10);
        assertThat(logs).as("test output of this module").anyMatch(p -> p.toString().contains("kong-plugin"));

        List<String> findings = new LeakScan(issued).findIn(logs, PROJECT);

        assertThat(findings).as("issued secrets found in %d log files", logs.size()).isEmpty();
    }
}
