package dev.jwkgate.kong.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogFileOptionTest {

    @Test
    void takesTheLogFileOutOfTheArgumentsWhereverItStands() {
        LogFileOption.Parsed parsed = LogFileOption.parse(new String[] {"--log-file", "/var/log/jwkgate.log", "--socket", "/s"});
        assertThat(parsed.path()).isEqualTo("/var/log/jwkgate.log");
        assertThat(parsed.rest()).containsExactly("--socket", "/s");
    }

    @Test
    void leavesTheArgumentsAloneWithoutTheOption() {
        LogFileOption.Parsed parsed = LogFileOption.parse(new String[] {"--socket", "/s"});
        assertThat(parsed.path()).isNull();
        assertThat(parsed.rest()).containsExactly("--socket", "/s");
    }

    @Test
    void refusesTheOptionWithoutAPath() {
        assertThatThrownBy(() -> LogFileOption.parse(new String[] {"--socket", "/s", "--log-file"}))
                .hasMessage("--log-file needs a path");
    }

    @Test
    void refusesTheOptionGivenTwice() {
        assertThatThrownBy(() -> LogFileOption.parse(new String[] {"--log-file", "/a", "--log-file", "/b"}))
                .hasMessage("--log-file given twice");
    }
}
