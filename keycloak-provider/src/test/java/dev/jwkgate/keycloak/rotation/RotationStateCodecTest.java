package dev.jwkgate.keycloak.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationStateCodecTest {

    @Test
    void aStateSurvivesTheRoundTripThroughTheStoredConfiguration() {
        ManagedKey active = new ManagedKey("a", "ES256", KeyPhase.ACTIVE, Instant.parse("2026-01-02T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), "cHJpdg==", "cHVi");
        ManagedKey retired = new ManagedKey("b", "RS256", KeyPhase.RETIRED, Instant.parse("2026-01-03T00:00:00Z"),
                Instant.parse("2025-12-01T00:00:00Z"), "cHJpdjI=", "cHViMg==");
        RotationState state = new RotationState(List.of(active, retired), true);
        assertThat(RotationStateCodec.read(RotationStateCodec.write(state))).isEqualTo(state);
    }

    @Test
    void nothingStoredMeansNoKeysYet() {
        assertThat(RotationStateCodec.read(null)).isEqualTo(RotationState.EMPTY);
    }

    @Test
    void anUnreadableStateIsReportedWithoutEchoingTheStoredText() {
        assertThatThrownBy(() -> RotationStateCodec.read("{\"keys\":[{\"kid\":\"x\",\"private\":\"SECRET\"}]}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("SECRET");
    }
}
