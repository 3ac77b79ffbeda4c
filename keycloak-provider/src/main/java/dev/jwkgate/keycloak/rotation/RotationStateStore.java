package dev.jwkgate.keycloak.rotation;

import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/**
 * The stored rotation state as the database holds it now, read under the component row's write lock.
 * Every writer (an admin's save, a scheduled pass, on any node) takes the lock before it decides what
 * to store, and holds it until its transaction ends. The second writer waits and then sees the first
 * one's revision. This is the compare-and-set Keycloak's component API does not offer.
 */
@FunctionalInterface
public interface RotationStateStore {

    /** The state text of a stored component; {@link Stored#text()} is null when it holds none. */
    record Stored(String text) {
    }

    /** Empty when the component is not in the database yet (it is being created or imported). */
    Optional<Stored> lockAndRead(KeycloakSession session, String componentId);
}
