package dev.jwkgate.keys.rotation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RotationPolicyTest {

    @Test
    void refusesALeadAsLongAsThePeriod() {
        assertThatThrownBy(() -> new RotationPolicy("RS256", Duration.ofDays(2), Duration.ofDays(2), Duration.ofDays(1)))
                .hasMessageContaining("'Pre-publication lead' (2d) must be shorter than the 'Rotation period' (2d)");
    }

    @Test
    void refusesAZeroPeriod() {
        assertThatThrownBy(() -> new RotationPolicy("RS256", Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("'Rotation period'");
    }

    @Test
    void acceptsASecondsScaleSchedule() {
        assertThatCode(() -> new RotationPolicy("EdDSA", Duration.ofSeconds(15), Duration.ofSeconds(6), Duration.ofSeconds(15)))
                .doesNotThrowAnyException();
    }
}
