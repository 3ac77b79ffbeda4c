package dev.jwkgate.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What tests that start servers rely on of the host: a line awaited in a process's output, bounded, failing early. */
class TestHostTest {

    @TempDir
    Path dir;

    private Process shell(String script, Path output) throws Exception {
        return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    @Test
    void awaitInOutputReturnsTheOutputOnceTheLineIsThere() throws Exception {
        Path output = dir.resolve("server.out");
        Process server = shell("sleep 0.3; echo 'listening on /tmp/x.sock'; sleep 30", output);
        try {
            assertThat(TestHost.awaitInOutput(server, output, "listening on", Duration.ofSeconds(20)))
                    .contains("listening on /tmp/x.sock");
        } finally {
            server.destroy();
        }
    }

    @Test
    void awaitInOutputFailsAtOnceWhenTheProcessExitsBeforeTheLine() throws Exception {
        Path output = dir.resolve("server.out");
        Process server = shell("echo 'port in use'; exit 3", output);
        server.waitFor();
        Instant start = Instant.now();
        assertThatThrownBy(() -> TestHost.awaitInOutput(server, output, "listening on", Duration.ofSeconds(60)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("exited (3)").hasMessageContaining("port in use");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void awaitInOutputFailsAfterItsBoundWhileTheProcessRunsSilently() throws Exception {
        Path output = dir.resolve("server.out");
        Process server = shell("echo starting; sleep 30", output);
        try {
            assertThatThrownBy(() -> TestHost.awaitInOutput(server, output, "listening on", Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("no 'listening on'").hasMessageContaining("starting");
        } finally {
            server.destroy();
        }
    }
}
