package dev.jwkgate.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TestHost#closeAll}: what a test started is stopped, whatever failed before. */
class TestHostTest {

    private final List<String> closed = new ArrayList<>();

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
