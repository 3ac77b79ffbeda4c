package dev.jwkgate.keys.rotation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredKeysCheckTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static ManagedKey key(String algorithm, KeyPhase phase) {
        return new GeneratedKeys().publish(algorithm, T0).enter(phase, T0);
    }

    @Test
    void generatedKeysInOnePhaseEachAreUsable() {
        RotationState state = new RotationState(List.of(key("ES256", KeyPhase.ACTIVE), key("EdDSA", KeyPhase.PUBLISHED),
                key("ES256", KeyPhase.RETIRED)), false, 3);
        assertThatCode(() -> StoredKeysCheck.requireUsable(state, PrivateKeyStorage.unencrypted())).doesNotThrowAnyException();
    }

    @Test
    void twoActiveKeysAreUnreadable() {
        RotationState state = new RotationState(List.of(key("ES256", KeyPhase.ACTIVE), key("ES256", KeyPhase.ACTIVE)), false, 3);
        assertThatThrownBy(() -> StoredKeysCheck.requireUsable(state, PrivateKeyStorage.unencrypted()))
                .isInstanceOf(UnreadableStateException.class).hasMessageContaining("more than one active or waiting key");
    }

    @Test
    void aKeyNotNamedByItsThumbprintIsUnreadable() {
        ManagedKey real = key("ES256", KeyPhase.ACTIVE);
        ManagedKey renamed = new ManagedKey("chosen-kid", real.algorithm(), real.phase(), real.since(), real.publishedAt(),
                real.privateKey(), real.publicKey());
        assertThatThrownBy(() -> StoredKeysCheck.requireUsable(new RotationState(List.of(renamed), false, 1), PrivateKeyStorage.unencrypted()))
                .isInstanceOf(UnreadableStateException.class).hasMessageContaining("chosen-kid is not named by its RFC 7638 thumbprint");
    }

    @Test
    void aKeyWhosePrivateHalfIsNotBase64IsRefusedWithoutQuotingIt() {
        ManagedKey real = key("ES256", KeyPhase.ACTIVE);
        ManagedKey broken = real.withPrivateKey("not base64 at all!");
        assertThatThrownBy(() -> StoredKeysCheck.requireUsable(new RotationState(List.of(broken), false, 1), PrivateKeyStorage.unencrypted()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not base64").hasMessageNotContaining("not base64 at all!");
    }
}
