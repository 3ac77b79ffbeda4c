package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.KongPeer;
import dev.jwkgate.source.support.JwksServer;
import dev.jwkgate.support.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin server's {@code --log-file <path>}: its lines are appended to that file, none go to stderr
 * (where Kong would relay them into its error log at INFO only), and a file it cannot open stops it at start.
 */
class LogFileIT {

    @TempDir
    Path dir;

    @Test
    void writesItsStartLineAndItsAuditLinesIntoTheLogFileAndNothingToStderr() throws Exception {
        Path serverLog = dir.resolve("jwkgate.log");
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2VjcmV0LXNpZ25hdHVyZS1ub3QtdG8tYmUtbG9nZ2Vk";
        TestKeys key = TestKeys.rsa("k1-" + UUID.randomUUID());
        try (PluginServerProcess server = PluginServerProcess.startLoggingTo(dir.resolve("jwkgate.socket"), serverLog);
             JwksServer jwks = JwksServer.serving(TestKeys.jwks(List.of(key)));
             KongPeer kong = new KongPeer(server.socket())) {
            int id = kong.startInstance("jwkgate", "{\"issuer\":\"https://idp.example\",\"jwks_uri\":\"" + jwks.url()
                    + "\",\"realm\":\"kong\",\"__seq__\":1,\"__plugin_id\":\"" + UUID.randomUUID() + "\"}");
            EventOutcome refused = kong.handleEvent(id, "access",
                    FakeKongPdk.request("GET", Map.of("authorization", "Bearer " + token)));
            assertThat(refused.exitStatus()).isEqualTo(401);

            String log = TestHost.awaitInFile(serverLog, "TOKEN_REFUSED");
            assertThat(log).contains("jwkgate", "listening on " + server.socket());
            assertThat(log).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
            assertThat(server.output()).as("what the server printed on stdout and stderr").isEmpty();
        }
    }

    @Test
    void appendsToAnExistingLogFile() throws Exception {
        Path serverLog = Files.writeString(dir.resolve("jwkgate.log"), "a line of the previous run\n");
        try (PluginServerProcess server = PluginServerProcess.startLoggingTo(dir.resolve("jwkgate.socket"), serverLog)) {
            assertThat(Files.readAllLines(serverLog, StandardCharsets.UTF_8))
                    .first().isEqualTo("a line of the previous run");
            assertThat(Files.readString(serverLog, StandardCharsets.UTF_8)).contains("listening on");
        }
    }

    @Test
    void refusesToStartWithALogFileItCannotOpenSayingSoInOneLine() throws Exception {
        Path unwritable = dir.resolve("no-such-directory").resolve("jwkgate.log");
        ProcessBuilder builder = new ProcessBuilder("sh", PluginServerProcess.launcher(),
                "--socket", dir.resolve("jwkgate.socket").toString(), "--log-file", unwritable.toString())
                .redirectErrorStream(true);
        builder.environment().put("JWKGATE_JAR", PluginServerProcess.jar());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.lines().toList()).singleElement().asString()
                .contains("--log-file", unwritable.toString());
        assertThat(dir.resolve("jwkgate.socket")).doesNotExist();
    }

}
