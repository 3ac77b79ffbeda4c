package dev.jwkgate.keys.rotation;

import java.util.List;
import java.util.Optional;

/**
 * Everything a rotating provider remembers between transitions: its keys, whether an admin asked for
 * an early rotation, and the revision of the stored copy. Immutable; every transition makes a new one.
 *
 * @param revision counts the stored writes of this state; a writer stores revision n + 1 only over
 *                 revision n (compare-and-set; the adapter that stores the state enforces it)
 */
public record RotationState(List<ManagedKey> keys, boolean earlyRotationRequested, long revision) {

    public static final RotationState EMPTY = new RotationState(List.of(), false, 0);

    public RotationState {
        keys = List.copyOf(keys);
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative");
        }
    }

    public Optional<ManagedKey> inPhase(KeyPhase phase) {
        return keys.stream().filter(k -> k.phase() == phase).findFirst();
    }

    public RotationState withEarlyRotationRequested() {
        return new RotationState(keys, true, revision);
    }

    public RotationState withKeys(List<ManagedKey> newKeys) {
        return new RotationState(newKeys, earlyRotationRequested, revision);
    }

    /** The state as the next write stores it: same content, one revision later. */
    public RotationState nextRevisionAfter(long storedRevision) {
        return new RotationState(keys, earlyRotationRequested, storedRevision + 1);
    }
}
