package dev.jwkgate.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Who an allowed request belongs to on a platform with consumers (Kong): the adapter finds the consumer, hands
 * consumer and credential to the platform ({@code kong.client.authenticate}) and publishes the groups
 * ({@code kong.ctx.shared.authenticated_groups}, read by Kong's {@code acl}).
 *
 * @param consumer          the consumer to find; null when none is mapped, or when the token names none that can
 *                          exist (the policy refuses such a request itself when {@code ifConsumerMissing} is set)
 * @param credentialId      the id of the credential to authenticate with; null for none
 * @param groups            the authenticated groups, possibly none; null when no groups claim is configured (nothing
 *                          is published then: an empty list still tells {@code acl} the client is in no group)
 * @param missingDecision   makes the decision to carry out instead when {@code consumer} is not found (a refusal,
 *                          or the {@code anonymous} consumer); null to pass without a consumer. Called the first time
 *                          the decision is asked for, and only then: most requests find their consumer
 * @param anonymous         whether this is the {@code anonymous} consumer standing in for a refused request
 * @param whenConsumerMissing what the core does when {@code ifConsumerMissing} is carried out: report the
 *                          {@code unknown_consumer} refusal like every other refusal, and count the missing consumer
 */
public record ConsumerMapping(ConsumerLookup consumer, String credentialId, List<String> groups,
                              Supplier<GatewayDecision> missingDecision, boolean anonymous, Runnable whenConsumerMissing) {

    public ConsumerMapping {
        groups = groups == null ? null : List.copyOf(groups);
        whenConsumerMissing = whenConsumerMissing == null ? () -> { } : whenConsumerMissing;
        missingDecision = missingDecision == null ? null : once(missingDecision);
    }

    /** A mapping whose missing consumer the core neither counts nor reports (the anonymous consumer, tests). */
    public ConsumerMapping(ConsumerLookup consumer, String credentialId, List<String> groups,
                           GatewayDecision ifConsumerMissing, boolean anonymous) {
        this(consumer, credentialId, groups, ifConsumerMissing == null ? null : () -> ifConsumerMissing, anonymous, null);
    }

    /**
     * The decision to carry out instead when {@link #consumer()} is not found; null to pass without a consumer. Made
     * on the first call.
     */
    public GatewayDecision ifConsumerMissing() {
        return missingDecision == null ? null : missingDecision.get();
    }

    /**
     * The decision for a consumer that was not found, for the adapter to carry out: {@link #ifConsumerMissing()}, once
     * the core has counted and reported the refusal.
     */
    public GatewayDecision consumerMissing() {
        whenConsumerMissing.run();
        return ifConsumerMissing();
    }

    /** {@code make}'s decision, made on the first call; every call returns that same one. */
    private static Supplier<GatewayDecision> once(Supplier<GatewayDecision> make) {
        AtomicReference<GatewayDecision> made = new AtomicReference<>();
        return () -> {
            GatewayDecision decision = made.get();
            if (decision == null) {
                // never null: the adapter would read a missing decision as a pass without a consumer
                made.compareAndSet(null, java.util.Objects.requireNonNull(make.get(), "the missing-consumer decision"));
                decision = made.get();
            }
            return decision;
        };
    }

    /** Whether the platform is told anything: an adapter with nothing to do makes no call. */
    public boolean isEmpty() {
        return consumer == null && credentialId == null && groups == null;
    }
}
