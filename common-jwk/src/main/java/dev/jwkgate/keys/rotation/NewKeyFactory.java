package dev.jwkgate.keys.rotation;

import java.time.Instant;

/** Makes a fresh key pair for the rotation engine; a seam so the state machine is testable without key generation. */
@FunctionalInterface
public interface NewKeyFactory {

    /** A new key in phase {@link KeyPhase#PUBLISHED}, published at {@code at}. */
    ManagedKey publish(String algorithm, Instant at);
}
