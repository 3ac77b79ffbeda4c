package dev.jwkgate.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliberateExceptionsTest {

    @Test
    void readsVersionAndLineHoldsWithTheirReasons() {
        DeliberateExceptions exceptions = DeliberateExceptions.parse(List.of(
                "# comment", "", "version a:b 1.2.3 a reason with spaces", "line c:d 2.7 another reason"));
        assertThat(exceptions.versionHold("a:b")).get().extracting(DeliberateExceptions.Hold::reason).isEqualTo("a reason with spaces");
        assertThat(exceptions.lineHold("c:d")).get().extracting(DeliberateExceptions.Hold::heldAt).isEqualTo("2.7");
    }

    @Test
    void refusesAHoldWithoutAReason() {
        assertThatThrownBy(() -> DeliberateExceptions.parse(List.of("line c:d 2.7")))
                .hasMessageContaining("line 1");
    }

    @Test
    void refusesTheSameLibraryHeldTwice() {
        assertThatThrownBy(() -> DeliberateExceptions.parse(List.of("line c:d 2.7 r", "line c:d 2.6 r")))
                .hasMessageContaining("held twice");
    }

    @Test
    void theCommittedListParses() throws Exception {
        assertThat(DeliberateExceptions.read(Path.of("exceptions.txt")).all()).allSatisfy(hold -> assertThat(hold.reason()).isNotBlank());
    }
}
