package dev.jwkgate.keycloak.rotation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.jpa.entities.ComponentEntity;

/**
 * {@link RotationStateStore} on Keycloak's JPA store (the only one Keycloak 26 has): a pessimistic write
 * lock on the {@code COMPONENT} row, then the state read from {@code COMPONENT_CONFIG} by a query, which
 * goes to the database even when the rows are already loaded in this transaction. (Keycloak may have
 * loaded them before the lock; that is why a copy of another revision is never stored: Keycloak's update
 * would delete config rows by ids another writer already replaced.)
 */
final class JpaRotationStateStore implements RotationStateStore {

    @Override
    public Optional<Stored> lockAndRead(KeycloakSession session, String componentId) {
        if (componentId == null) {
            return Optional.empty();
        }
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        ComponentEntity component = em.find(ComponentEntity.class, componentId);
        if (component == null) {
            return Optional.empty();
        }
        em.lock(component, LockModeType.PESSIMISTIC_WRITE);
        List<String> values = em.createQuery(
                        "select c.value from ComponentConfigEntity c where c.component.id = :id and c.name = :name", String.class)
                .setParameter("id", componentId)
                .setParameter("name", RotatingKeyProviderFactory.STATE)
                .getResultList();
        return Optional.of(new Stored(values.isEmpty() ? null : values.get(0)));
    }
}
