package dev.jwkgate.keycloak.rotation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;

/** The database in unit tests: the committed state of each component, read as the row-locked store reads it. */
final class StoredComponents implements RotationStateStore {

    private final Map<String, String> committed = new HashMap<>();
    int reads;

    @Override
    public Optional<Stored> lockAndRead(KeycloakSession session, String componentId) {
        reads++;
        return componentId == null || !committed.containsKey(componentId) ? Optional.empty() : Optional.of(new Stored(committed.get(componentId)));
    }

    /** What Keycloak's JPA store does after a successful validation: the model's configuration becomes the row. */
    void commit(ComponentModel model) {
        committed.put(model.getId(), model.get(RotatingKeyProviderFactory.STATE));
    }

    /** A write behind the provider's back, e.g. a damaged row or a newer node's format. */
    void overwrite(String componentId, String stateText) {
        committed.put(componentId, stateText);
    }

    String state(String componentId) {
        return committed.get(componentId);
    }
}
