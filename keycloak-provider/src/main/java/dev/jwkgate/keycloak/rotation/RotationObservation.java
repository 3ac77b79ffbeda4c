package dev.jwkgate.keycloak.rotation;

import dev.jwkgate.keys.rotation.RotationPolicy;
import dev.jwkgate.keys.rotation.RotationState;
import dev.jwkgate.keys.rotation.RotationStateCodec;
import java.util.HashSet;
import java.util.Set;
import org.keycloak.component.ComponentModel;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;

/**
 * Reads every rotating provider's stored state into the {@link RotationMetrics} gauges, on every node: the
 * rotation pass runs on one node per interval, but each node's {@code /metrics} must show the schedule. Reads
 * only (the realm cache), decrypts nothing, writes nothing.
 */
final class RotationObservation implements ScheduledTask {

    static final String NAME = "jwkgate-key-rotation-metrics";

    private final RotationMetrics metrics;

    RotationObservation(RotationMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String getTaskName() {
        return NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        Set<String> seen = new HashSet<>();
        session.realms().getRealmsStream().forEach(realm -> realm.getComponentsStream(realm.getId(), KeyProvider.class.getName())
                .filter(c -> RotatingKeyProviderFactory.ID.equals(c.getProviderId()))
                .forEach(c -> {
                    seen.add(c.getId());
                    observe(realm, c);
                }));
        metrics.retainOnly(seen);
    }

    private void observe(RealmModel realm, ComponentModel component) {
        RotationState state;
        RotationPolicy policy;
        try {
            state = RotationStateCodec.read(component.get(RotatingKeyProviderFactory.STATE));
            policy = RotatingKeyProviderFactory.scheduledPolicy(realm, component);
        } catch (RuntimeException unreadable) {
            // the pass logs it and counts it as failed; the gauges say "unknown" rather than show an old schedule
            state = null;
            policy = null;
        }
        metrics.observe(component.getId(), realm.getName(), RotationMetrics.providerName(component), state, policy);
    }
}
