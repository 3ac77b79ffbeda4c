package dev.jwkgate.keycloak.rotation;

import dev.jwkgate.keycloak.ProviderSettings;
import dev.jwkgate.keys.rotation.KeyPhase;
import dev.jwkgate.keys.rotation.RotationState;
import dev.jwkgate.keys.rotation.RotationStateCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionTask;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * The scheduled pass over every rotating provider of every realm. Each pass makes only the
 * transitions that are due, so running it late, twice, or on another node is harmless. Each component
 * is stored in its own transaction: a node that dies in the middle of a pass leaves every component
 * either at its old revision or at its new one, and the next pass, on any node, finishes the rest.
 */
final class RotationTask implements ScheduledTask {

    static final String NAME = "jwkgate-key-rotation";

    private static final Logger LOG = Logger.getLogger(RotationTask.class);

    /** Runs one unit of work in a transaction of its own. */
    @FunctionalInterface
    interface Transactions {
        void run(KeycloakSession outer, KeycloakSessionTask task);

        /** A new session and transaction from the server's session factory, committed when the task returns. */
        static Transactions keycloak() {
            return (outer, task) -> KeycloakModelUtils.runJobInTransaction(outer.getKeycloakSessionFactory(), task);
        }
    }

    /** A component that has something to store, and the revision the pass read. */
    private record Due(String realmId, String realmName, String componentId, String provider, long revision) {
    }

    private final Clock clock;
    private final Transactions transactions;
    private final RotationMetrics metrics;
    private final UnusedAlgorithmWarning unusedAlgorithm = new UnusedAlgorithmWarning();

    RotationTask(Clock clock, Transactions transactions, RotationMetrics metrics) {
        this.clock = clock;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    @Override
    public String getTaskName() {
        return NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        Instant now = clock.instant();
        List<String> realmIds = session.realms().getRealmsStream().map(RealmModel::getId).toList();
        List<Due> due = new ArrayList<>();
        for (String realmId : realmIds) {
            // a session per realm: Keycloak's vault reads the realm its session started with, and the
            // key-encryption key is a per-realm vault entry
            transactions.run(session, s -> {
                RealmModel realm = s.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                s.getContext().setRealm(realm);
                realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                        .filter(c -> RotatingKeyProviderFactory.ID.equals(c.getProviderId()))
                        .forEach(c -> lookAhead(s, realm, c, now).ifPresent(due::add));
            });
        }
        for (Due d : due) {
            store(session, d);
        }
    }

    private java.util.Optional<Due> lookAhead(KeycloakSession session, RealmModel realm, ComponentModel cached, Instant now) {
        try {
            RotationState state = RotationStateCodec.read(cached.get(RotatingKeyProviderFactory.STATE));
            warnIfNotSigning(realm, cached, state);
            if (RotatingKeyProviderFactory.needsStore(session, realm, cached, state, now)) {
                return java.util.Optional.of(new Due(realm.getId(), realm.getName(), cached.getId(), RotationMetrics.providerName(cached), state.revision()));
            }
        } catch (RuntimeException e) {
            // one broken component must not stop the others; loud, because its keys are not served
            LOG.errorf("jwkgate-key-rotation realm=%s component=%s FAILED, its keys are not rotated: %s", realm.getName(), cached.getId(),
                    e.getMessage());
            metrics.passFailed(realm.getName(), RotationMetrics.providerName(cached));
        }
        return java.util.Optional.empty();
    }

    private void store(KeycloakSession outer, Due due) {
        boolean[] stored = {false};
        try {
            transactions.run(outer, session -> {
                RealmModel realm = session.realms().getRealm(due.realmId());
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                ComponentModel cached = realm.getComponent(due.componentId());
                if (cached == null) {
                    return;
                }
                LOG.infof("jwkgate-key-rotation realm=%s component=%s storing due transitions over revision %d",
                        due.realmName(), due.componentId(), due.revision());
                try {
                    // a copy: the cached component must not change in place
                    RotatingKeyProviderFactory.storeScheduled(realm, new ComponentModel(cached), due.revision());
                    stored[0] = true;
                } catch (RotatingKeyProviderFactory.NothingToStore alreadyDone) {
                    LOG.infof("jwkgate-key-rotation realm=%s component=%s nothing to store: another writer made the transitions",
                            due.realmName(), due.componentId());
                }
            });
            if (stored[0]) {
                LOG.infof("jwkgate-key-rotation realm=%s component=%s stored", due.realmName(), due.componentId());
            }
        } catch (RuntimeException e) {
            LOG.errorf("jwkgate-key-rotation realm=%s component=%s FAILED to store, its keys are not rotated: %s", due.realmName(),
                    due.componentId(), e.getMessage());
            metrics.passFailed(due.realmName(), due.provider());
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

    /** Warns (once) when the provider signs, but with an algorithm the realm does not sign with by default. */
    private void warnIfNotSigning(RealmModel realm, ComponentModel model, RotationState state) {
        if (ProviderSettings.providerStatus(model) != KeyStatus.ACTIVE) {
            return;
        }
        state.inPhase(KeyPhase.ACTIVE).flatMap(active ->
                unusedAlgorithm.check(realm.getName(), realm.getDefaultSignatureAlgorithm(), model.getId(), active.algorithm()))
                .ifPresent(LOG::warn);
    }
}
