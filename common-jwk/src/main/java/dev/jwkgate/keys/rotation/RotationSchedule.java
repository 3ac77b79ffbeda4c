package dev.jwkgate.keys.rotation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The text of the read-only "Key schedule" field: how the private keys are stored, each key's phase,
 * and when its next transition is planned. Written with every stored state, so the admin console and
 * {@code GET /admin/realms/{realm}/components/{id}} show it as of the last write.
 */
public final class RotationSchedule {

    private RotationSchedule() {
    }

    public static String describe(RotationState state, RotationPolicy policy, PrivateKeyStorage storage) {
        StringBuilder out = new StringBuilder(storage.describe()).append('\n');
        List<RotationEngine.PlannedTransition> plan = RotationEngine.plan(state, policy);
        for (ManagedKey key : state.keys()) {
            out.append(key.phase()).append(' ').append(key.kid()).append(' ').append(key.algorithm())
                    .append(" since ").append(seconds(key.since()));
            plan.stream().filter(p -> p.key().kid().equals(key.kid())).findFirst()
                    .ifPresent(p -> out.append("; ").append(p.type()).append(" planned at ").append(seconds(p.at())));
            out.append('\n');
        }
        nextTransition(state, policy, plan).ifPresent(next -> out.append("Next transition: ").append(next.what())
                .append(" at ").append(seconds(next.at())).append('\n'));
        return out.append("Revision ").append(state.revision()).toString();
    }

    /** The provider's first planned transition: which key does what. */
    public record NextTransition(String what, Instant at) {
    }

    /**
     * The first transition planned for the provider, as the "Next transition" line of {@link #describe} shows it
     * (the metrics publish the same time). Empty for a provider without keys.
     */
    public static Optional<NextTransition> nextTransition(RotationState state, RotationPolicy policy) {
        return nextTransition(state, policy, RotationEngine.plan(state, policy));
    }

    private static Optional<NextTransition> nextTransition(RotationState state, RotationPolicy policy,
                                                           List<RotationEngine.PlannedTransition> plan) {
        Optional<RotationEngine.PlannedTransition> next = plan.stream().min(Comparator.comparing(RotationEngine.PlannedTransition::at));
        if (state.inPhase(KeyPhase.ACTIVE).isPresent() && state.inPhase(KeyPhase.PUBLISHED).isEmpty()) {
            // the successor does not exist yet, so its publication is the first thing planned
            Instant publication = plan.stream().filter(p -> p.type() == RotationEvent.Type.RETIRED).findFirst()
                    .map(p -> p.at().minus(policy.lead())).orElse(null);
            if (publication != null && (next.isEmpty() || !publication.isAfter(next.get().at()))) {
                return Optional.of(new NextTransition("successor PUBLISHED", publication));
            }
        }
        return next.map(p -> new NextTransition(p.key().kid() + ' ' + p.type(), p.at()));
    }

    private static Instant seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS);
    }
}
