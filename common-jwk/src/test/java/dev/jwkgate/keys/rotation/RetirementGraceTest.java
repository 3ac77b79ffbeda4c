package dev.jwkgate.keys.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetirementGraceTest {

    @Test
    void anEmptyGraceIsOneDayWhenEveryTokenLivesShorter() {
        assertThat(RetirementGrace.forSave("", Duration.ofMinutes(5), "r")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void anEmptyGraceIsTheLongestTokenLifespanWhenThatIsLongerThanADay() {
        assertThat(RetirementGrace.forSave(null, Duration.ofDays(3), "r")).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void aSaveRefusesAGraceShorterThanTheLongestTokenLifespan() {
        assertThatThrownBy(() -> RetirementGrace.forSave("1h", Duration.ofHours(2), "shop"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Retirement grace' (1h) is shorter than the longest token lifespan of realm shop (2h)");
    }

    @Test
    void aScheduledPassStretchesAGraceShorterThanTheLongestTokenLifespan() {
        assertThat(RetirementGrace.forScheduledPass("1h", Duration.ofHours(2))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aGraceAsLongAsTheLongestTokenLifespanIsKept() {
        assertThat(RetirementGrace.forSave("2h", Duration.ofHours(2), "r")).isEqualTo(Duration.ofHours(2));
        assertThat(RetirementGrace.forScheduledPass("3h", Duration.ofHours(2))).isEqualTo(Duration.ofHours(3));
    }
}
