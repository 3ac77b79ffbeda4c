package dev.jwkgate.keycloak.rotation;

import dev.jwkgate.keycloak.ProviderSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * The scheduled pass over every rotating provider of every realm. Each pass makes only the
 * transitions that are due, so running it late, twice, or on another node is harmless.
 */
final class RotationTask implements ScheduledTask {

    static final String NAME = "jwkgate-key-rotation";

    private static final Logger LOG = Logger.getLogger(RotationTask.class);

    private final RotatingKeyProviderFactory factory;
    private final Clock clock;
    private final UnusedAlgorithmWarning unusedAlgorithm = new UnusedAlgorithmWarning();

    RotationTask(RotatingKeyProviderFactory factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
    }

    @Override
    public String getTaskName() {
        return NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        Instant now = clock.instant();
        session.realms().getRealmsStream().collect(Collectors.toList()).forEach(realm -> rotate(session, realm, now));
    }

    private void rotate(KeycloakSession session, RealmModel realm, Instant now) {
        List<ComponentModel> components = realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                .filter(c -> RotatingKeyProviderFactory.ID.equals(c.getProviderId()))
                .collect(Collectors.toList());
        for (ComponentModel cached : components) {
            try {
                ComponentModel model = new ComponentModel(cached);
                RotationState state = RotationStateCodec.read(model.get(RotatingKeyProviderFactory.STATE));
                RotationPolicy policy = RotatingKeyProviderFactory.scheduledPolicy(realm, model);
                if (factory.advance(realm, model, state, policy, now)) {
                    session.getContext().setRealm(realm);
                    // stores the new state; Keycloak invalidates the realm cache on every node
                    RotatingKeyProviderFactory.storeScheduled(realm, model);
                }
                warnIfNotSigning(realm, model);
            } catch (RuntimeException e) {
                // one broken component must not stop the others; the message never holds key material
                LOG.warnf("jwkgate-key-rotation realm=%s component=%s skipped: %s", realm.getName(), cached.getId(), e.getMessage());
            }
        }
    }

    /** Warns (once) when the provider signs, but with an algorithm the realm does not sign with by default. */
    private void warnIfNotSigning(RealmModel realm, ComponentModel model) {
        if (ProviderSettings.providerStatus(model) != KeyStatus.ACTIVE) {
            return;
        }
        RotationStateCodec.read(model.get(RotatingKeyProviderFactory.STATE)).inPhase(KeyPhase.ACTIVE).flatMap(active ->
                unusedAlgorithm.check(realm.getName(), realm.getDefaultSignatureAlgorithm(), model.getId(), active.algorithm()))
                .ifPresent(LOG::warn);
    }
}
