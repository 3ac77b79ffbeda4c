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
 * lock on the {@code COMPONENT} row, taken by refreshing the entity. The refresh matters as much as the
 * lock: the admin API has usually loaded the component and its {@code COMPONENT_CONFIG} rows into this
 * transaction before the save waited for the lock, and Keycloak's update then deletes config rows by the
 * ids it loaded. After another writer's commit those rows are gone, and the stale ids would fail the
 * save ("Batch update returned unexpected row count", seen in the cluster suite). The refresh cascades
 * to the config rows, so the update works on what the database holds.
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
        em.refresh(component, LockModeType.PESSIMISTIC_WRITE);
        List<String> values = em.createQuery(
                        "select c.value from ComponentConfigEntity c where c.component.id = :id and c.name = :name", String.class)
                .setParameter("id", componentId)
                .setParameter("name", RotatingKeyProviderFactory.STATE)
                .getResultList();
        return Optional.of(new Stored(values.isEmpty() ? null : values.get(0)));
    }
}
