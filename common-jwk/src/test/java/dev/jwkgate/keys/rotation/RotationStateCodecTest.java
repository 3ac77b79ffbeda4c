package dev.jwkgate.keys.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationStateCodecTest {

    private static final ManagedKey ACTIVE = new ManagedKey("a", "ES256", KeyPhase.ACTIVE, Instant.parse("2026-01-02T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:00Z"), "cHJpdg==", "cHVi", "Y2VydA==");

    @Test
    void aStateSurvivesTheRoundTripThroughTheStoredConfiguration() {
        ManagedKey retired = new ManagedKey("b", "RS256", KeyPhase.RETIRED, Instant.parse("2026-01-03T00:00:00Z"),
                Instant.parse("2025-12-01T00:00:00Z"), "cHJpdjI=", "cHViMg==");
        RotationState state = new RotationState(List.of(ACTIVE, retired), true, 7);
        assertThat(RotationStateCodec.read(RotationStateCodec.write(state))).isEqualTo(state);
    }

    @Test
    void nothingStoredMeansNoKeysYet() {
        assertThat(RotationStateCodec.read(null)).isEqualTo(RotationState.EMPTY);
    }

    @Test
    void theWrittenStateCarriesItsFormatAndRevision() {
        assertThat(RotationStateCodec.write(new RotationState(List.of(ACTIVE), false, 7))).startsWith("{\"v\":2,\"rev\":7,");
    }

    /** What Keycloak databases already hold: this exact text must keep reading, and a write must keep producing it. */
    private static final String STORED_FORMAT_TWO = "{\"v\":2,\"rev\":7,\"early\":true,\"keys\":["
            + "{\"kid\":\"a\",\"alg\":\"ES256\",\"phase\":\"ACTIVE\",\"since\":\"2026-01-02T00:00:00Z\","
            + "\"published\":\"2026-01-01T00:00:00Z\",\"private\":\"cHJpdg==\",\"public\":\"cHVi\",\"cert\":\"Y2VydA==\"},"
            + "{\"kid\":\"b\",\"alg\":\"RS256\",\"phase\":\"RETIRED\",\"since\":\"2026-01-03T00:00:00Z\","
            + "\"published\":\"2025-12-01T00:00:00Z\",\"private\":\"aes256gcm:kek:bm9uY2U:Y2lwaGVy\",\"public\":\"cHViMg==\"}]}";

    private static final RotationState STORED_STATE = new RotationState(List.of(ACTIVE,
            new ManagedKey("b", "RS256", KeyPhase.RETIRED, Instant.parse("2026-01-03T00:00:00Z"),
                    Instant.parse("2025-12-01T00:00:00Z"), "aes256gcm:kek:bm9uY2U:Y2lwaGVy", "cHViMg==")), true, 7);

    @Test
    void aFormatTwoStateAlreadyStoredReadsUnchanged() {
        assertThat(RotationStateCodec.read(STORED_FORMAT_TWO)).isEqualTo(STORED_STATE);
    }

    @Test
    void aStateIsWrittenInExactlyTheStoredFormatTwoText() {
        assertThat(RotationStateCodec.write(STORED_STATE)).isEqualTo(STORED_FORMAT_TWO);
    }

    @Test
    void aFormatOneStateFromAnEarlierVersionReadsAsRevisionZero() {
        String v1 = "{\"v\":1,\"early\":false,\"keys\":[{\"kid\":\"a\",\"alg\":\"ES256\",\"phase\":\"ACTIVE\",\"since\":\"2026-01-02T00:00:00Z\","
                + "\"published\":\"2026-01-01T00:00:00Z\",\"private\":\"cHJpdg==\",\"public\":\"cHVi\"}]}";
        RotationState state = RotationStateCodec.read(v1);
        assertThat(state.revision()).isZero();
        assertThat(state.keys()).singleElement().satisfies(k -> assertThat(k.certificate()).isNull());
    }

    @Test
    void aStateWithoutFormatVersionIsUnreadable() {
        assertThatThrownBy(() -> RotationStateCodec.read("{\"rev\":1,\"keys\":[]}"))
                .isInstanceOf(UnreadableStateException.class).hasMessageContaining("format version \"v\" is missing")
                .satisfies(e -> assertThat(((UnreadableStateException) e).repairable()).isTrue());
    }

    @Test
    void aStateInANewerFormatIsRefusedAsNotOursToRepair() {
        assertThatThrownBy(() -> RotationStateCodec.read("{\"v\":3,\"rev\":1,\"keys\":[]}"))
                .isInstanceOf(UnreadableStateException.class).hasMessageContaining("format 3 of a newer jwkgate provider")
                .satisfies(e -> assertThat(((UnreadableStateException) e).repairable()).isFalse());
    }

    @Test
    void anUnreadableStateIsReportedWithoutEchoingTheStoredText() {
        assertThatThrownBy(() -> RotationStateCodec.read("{\"v\":2,\"rev\":1,\"keys\":[{\"kid\":\"x\",\"private\":\"SECRET\"}]}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("SECRET");
    }
}
