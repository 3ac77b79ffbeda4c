package dev.jwkgate.keys.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsDaysHoursMinutesSecondsAndPlainSeconds() {
        assertThat(Durations.parse("x", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("x", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("x", "90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("x", "45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("x", " 600 ")).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void refusesAnythingElseNamingTheSetting() {
        assertThatThrownBy(() -> Durations.parse("Rotation period", "1 week"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Rotation period'");
        assertThatThrownBy(() -> Durations.parse("Rotation period", "-5s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofSeconds(61))).isEqualTo("61s");
    }
}
