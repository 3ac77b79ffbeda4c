package dev.jwkgate.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What tests that start servers rely on of the host: a bounded wait for a process's line, stopping what was started. */
class TestHostTest {

    @TempDir
    Path dir;

    private final List<String> closed = new ArrayList<>();

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

    @Test
    void closesEveryStartedResourceInOrderAndSkipsTheNeverStarted() throws Exception {
        TestHost.closeAll(() -> closed.add("gateway"), null, () -> closed.add("upstream"));
        assertThat(closed).containsExactly("gateway", "upstream");
    }

    @Test
    void closesTheRestWhenOneFailsAndThrowsTheFirstFailureWithTheOthersSuppressed() {
        assertThatThrownBy(() -> TestHost.closeAll(
                () -> { throw new IOException("gateway"); },
                () -> closed.add("upstream"),
                () -> { throw new IllegalStateException("echo"); }))
                .isInstanceOf(IOException.class).hasMessage("gateway")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("echo"));
        assertThat(closed).containsExactly("upstream");
    }
}
