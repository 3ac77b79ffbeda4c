package dev.jwkgate.keys.rotation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rotation state machine: published → active → retired → removed.
 *
 * <p>{@link #advance} looks at the stored state and the time, and makes every transition that is due.
 * It is idempotent: advancing the result again at the same instant changes nothing. It never compresses
 * the schedule: a key activates only once it has been published for the full lead, however late the
 * call comes (after an outage the current key simply signs longer).
 */
public final class RotationEngine {

    private final NewKeyFactory newKeys;

    public RotationEngine(NewKeyFactory newKeys) {
        this.newKeys = Objects.requireNonNull(newKeys);
    }

    /** The state and the transitions made; {@code events} is empty when nothing was due. */
    public record Advance(RotationState state, List<RotationEvent> events) {
        public boolean changed() {
            return !events.isEmpty();
        }
    }

    public Advance advance(RotationState state, RotationPolicy policy, Instant now) {
        List<ManagedKey> keys = new ArrayList<>(state.keys());
        List<RotationEvent> events = new ArrayList<>();
        boolean early = state.earlyRotationRequested();

        Optional<ManagedKey> active = find(keys, KeyPhase.ACTIVE);
        if (active.isEmpty()) {
            // a new provider: nothing of ours signed before, so no cache can miss this key; it signs at once
            ManagedKey first = newKeys.publish(policy.algorithm(), now).enter(KeyPhase.ACTIVE, now);
            keys.add(first);
            events.add(event(RotationEvent.Type.ACTIVATED, first, now, "first key of the provider"));
            return new Advance(new RotationState(keys, false, state.revision()), events);
        }

        ManagedKey current = active.get();
        // a changed algorithm setting is an early rotation: the new key still waits out the full lead
        early = early || !current.algorithm().equals(policy.algorithm());
        Optional<ManagedKey> waiting = find(keys, KeyPhase.PUBLISHED);
        if (waiting.isPresent() && !waiting.get().algorithm().equals(policy.algorithm())) {
            // the algorithm setting changed while a successor waited: it never signed, so it can go at once
            keys.remove(waiting.get());
            events.add(event(RotationEvent.Type.WITHDRAWN, waiting.get(), now, "algorithm changed to " + policy.algorithm()));
            waiting = Optional.empty();
        }

        Instant due = due(current, policy);
        boolean switchWanted = early || !now.isBefore(due);
        if (waiting.isEmpty() && !now.isBefore(publication(current, policy, early))) {
            ManagedKey next = newKeys.publish(policy.algorithm(), now);
            keys.add(next);
            events.add(event(RotationEvent.Type.PUBLISHED, next, now,
                    early ? "early rotation" : "successor of " + current.kid() + ", due " + due));
            waiting = Optional.of(next);
        }

        if (waiting.isPresent() && switchWanted && !now.isBefore(earliestActivation(waiting.get(), policy))) {
            ManagedKey next = waiting.get();
            replace(keys, current, current.enter(KeyPhase.RETIRED, now));
            replace(keys, next, next.enter(KeyPhase.ACTIVE, now));
            events.add(event(RotationEvent.Type.RETIRED, current, now, "replaced by " + next.kid()));
            events.add(event(RotationEvent.Type.ACTIVATED, next, now,
                    "published " + next.publishedAt() + (early ? ", early rotation" : ", due " + due)));
            early = false;
        }

        for (ManagedKey key : List.copyOf(keys)) {
            if (key.phase() == KeyPhase.RETIRED && !now.isBefore(removal(key, policy))) {
                keys.remove(key);
                events.add(event(RotationEvent.Type.REMOVED, key, now, "retired " + key.since() + ", grace over"));
            }
        }
        return new Advance(new RotationState(keys, early, state.revision()), events);
    }

    /**
     * When each key's next transition is planned, by the same rules {@link #advance} applies; a time in the
     * past means the next pass makes it. Empty for a provider without keys.
     */
    public static List<PlannedTransition> plan(RotationState state, RotationPolicy policy) {
        List<PlannedTransition> plan = new ArrayList<>();
        Optional<ManagedKey> active = state.inPhase(KeyPhase.ACTIVE);
        if (active.isEmpty()) {
            return plan;
        }
        ManagedKey current = active.get();
        boolean early = state.earlyRotationRequested() || !current.algorithm().equals(policy.algorithm());
        Instant due = due(current, policy);
        Optional<ManagedKey> waiting = state.inPhase(KeyPhase.PUBLISHED).filter(w -> w.algorithm().equals(policy.algorithm()));
        if (waiting.isPresent()) {
            Instant activation = max(early ? current.since() : due, earliestActivation(waiting.get(), policy));
            plan.add(new PlannedTransition(current, RotationEvent.Type.RETIRED, activation));
            plan.add(new PlannedTransition(waiting.get(), RotationEvent.Type.ACTIVATED, activation));
        } else {
            Instant publication = publication(current, policy, early);
            plan.add(new PlannedTransition(current, RotationEvent.Type.RETIRED, max(early ? publication : due, publication.plus(policy.lead()))));
        }
        state.inPhase(KeyPhase.PUBLISHED).filter(w -> !w.algorithm().equals(policy.algorithm()))
                .ifPresent(w -> plan.add(new PlannedTransition(w, RotationEvent.Type.WITHDRAWN, current.since())));
        for (ManagedKey key : state.keys()) {
            if (key.phase() == KeyPhase.RETIRED) {
                plan.add(new PlannedTransition(key, RotationEvent.Type.REMOVED, removal(key, policy)));
            }
        }
        return plan;
    }

    /** The next transition of one key: {@code type} at {@code at}. */
    public record PlannedTransition(ManagedKey key, RotationEvent.Type type, Instant at) {
    }

    /** When the active key's successor should take over: one period after it started signing. */
    private static Instant due(ManagedKey active, RotationPolicy policy) {
        return active.since().plus(policy.period());
    }

    /** When the successor is published: one lead before the due time, or at once for an early rotation. */
    private static Instant publication(ManagedKey active, RotationPolicy policy, boolean early) {
        return early ? active.since() : due(active, policy).minus(policy.lead());
    }

    /** A published key never signs before it has been in the JWKS for the full lead. */
    private static Instant earliestActivation(ManagedKey waiting, RotationPolicy policy) {
        return waiting.publishedAt().plus(policy.lead());
    }

    private static Instant removal(ManagedKey retired, RotationPolicy policy) {
        return retired.since().plus(policy.grace());
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Optional<ManagedKey> find(List<ManagedKey> keys, KeyPhase phase) {
        return keys.stream().filter(k -> k.phase() == phase).findFirst();
    }

    private static void replace(List<ManagedKey> keys, ManagedKey old, ManagedKey updated) {
        keys.set(keys.indexOf(old), updated);
    }

    private static RotationEvent event(RotationEvent.Type type, ManagedKey key, Instant at, String why) {
        return new RotationEvent(type, key.kid(), key.algorithm(), at, why);
    }
}
