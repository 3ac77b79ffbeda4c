package dev.jwkgate.kong.jwt;

import dev.jwkgate.gateway.ConsumerField;
import dev.jwkgate.gateway.ConsumerHeaders;
import dev.jwkgate.gateway.ConsumerLookup;
import dev.jwkgate.gateway.ConsumerMapping;
import dev.jwkgate.gateway.HeaderChange;
import dev.jwkgate.kong.pdk.Kong;
import dev.jwkgate.kong.pdk.client.Consumer;
import dev.jwkgate.kong.pdk.client.Credential;
import java.util.List;
import java.util.Optional;

/**
 * Carries out the core's {@link ConsumerMapping} with Kong's PDK, as Kong's own auth plugins do: finds the consumer
 * ({@code kong.client.load_consumer}, through the {@link ConsumerCache}), {@code kong.client.authenticate(consumer,
 * credential)}, and the groups in {@code kong.ctx.shared.authenticated_groups}, where {@code acl} reads them
 * ({@code kong.plugins.acl.groups.get_authenticated_groups}).
 */
final class KongConsumers {

    /** The {@code kong.ctx.shared} key of Kong's {@code acl} plugin. */
    static final String AUTHENTICATED_GROUPS = "authenticated_groups";

    private final ConsumerCache cache;

    KongConsumers(ConsumerCache cache) {
        this.cache = cache;
    }

    /**
     * Tells Kong who the request belongs to; the upstream header changes that go with it ({@code X-Consumer-*}), or
     * empty when the consumer is missing and {@link ConsumerMapping#consumerMissing()} is to be carried out instead.
     */
    Optional<List<HeaderChange>> authenticate(Kong kong, ConsumerMapping mapping) {
        Consumer consumer = null;
        if (mapping.consumer() != null) {
            consumer = cache.find(mapping.consumer(), lookup -> load(kong, lookup)).orElse(null);
        }
        if (consumer == null && mapping.ifConsumerMissing() != null) {
            return Optional.empty();
        }
        boolean publishGroups = mapping.groups() != null;
        // Kong's plugin-server bridge cannot hand over a credential without a consumer to acl: lua-protobuf decodes
        // the absent consumer_id as "" (a proto3 default), which acl's get_current_consumer_id takes for a consumer
        // id, so acl looks up consumer "" and fails (500) instead of reading the authenticated groups
        String credentialId = consumer == null && publishGroups ? null : mapping.credentialId();
        Credential credential = credentialId == null ? null
                : new Credential(credentialId, consumer == null ? null : consumer.id());
        if (consumer != null || credential != null) {
            kong.client.authenticate(consumer, credential);
        }
        if (publishGroups) {
            kong.ctx.shared.set(AUTHENTICATED_GROUPS, mapping.groups());
        }
        return Optional.of(consumer == null ? ConsumerHeaders.of(null, null, null, credentialId)
                : ConsumerHeaders.of(consumer.id(), consumer.customId(), consumer.username(), credentialId));
    }

    /**
     * The first field that matches. Kong's {@code load_consumer(value, true)} returns a consumer whose id equals a
     * UUID-shaped value before it searches usernames, so each answer is checked against the field asked for.
     */
    private static Consumer load(Kong kong, ConsumerLookup lookup) {
        for (ConsumerField field : lookup.fields()) {
            Consumer found = kong.client.loadConsumer(lookup.value(), field == ConsumerField.USERNAME);
            if (found != null && field.matches(lookup.value(), found.id(), found.username())) {
                return found;
            }
        }
        return null;
    }
}
