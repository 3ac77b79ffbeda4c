package dev.jwkgate.keycloak.rotation;

import java.util.List;
import java.util.Optional;

/**
 * Everything a rotating provider remembers between transitions: its keys and whether an admin asked
 * for an early rotation. Immutable; every transition makes a new one.
 */
public record RotationState(List<ManagedKey> keys, boolean earlyRotationRequested) {

    public static final RotationState EMPTY = new RotationState(List.of(), false);

    public RotationState {
        keys = List.copyOf(keys);
    }

    public Optional<ManagedKey> inPhase(KeyPhase phase) {
        return keys.stream().filter(k -> k.phase() == phase).findFirst();
    }

    public RotationState withEarlyRotationRequested() {
        return new RotationState(keys, true);
    }
}
