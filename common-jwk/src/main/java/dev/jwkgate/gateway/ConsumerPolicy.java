package dev.jwkgate.gateway;

import dev.jwkgate.claims.ClaimPath;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.result.VerifiedToken;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Kong's consumer conventions for one route configuration: which claim names the consumer, the credential and the
 * authenticated groups ({@code consumer_claim}, {@code credential_claim}, {@code authenticated_groups_claim}, as in
 * Kong {@code openid-connect}), and who a refused request proceeds as ({@code anonymous}, as in Kong {@code jwt}).
 */
final class ConsumerPolicy {

    private final ClaimPath consumerClaim;
    private final List<ConsumerField> lookupFields;
    private final boolean consumerOptional;
    private final ClaimPath credentialClaim;
    private final ClaimPath groupsClaim;
    private final String anonymous;

    ConsumerPolicy(JwkGateConfig config) {
        this.consumerClaim = path(config, Setting.CONSUMER_CLAIM);
        this.lookupFields = config.stringList(Setting.CONSUMER_LOOKUP).stream().map(ConsumerField::named).toList();
        this.consumerOptional = config.bool(Setting.CONSUMER_OPTIONAL);
        this.credentialClaim = path(config, Setting.CREDENTIAL_CLAIM);
        this.groupsClaim = path(config, Setting.AUTHENTICATED_GROUPS_CLAIM);
        this.anonymous = config.string(Setting.ANONYMOUS);
    }

    /** Whether {@code anonymous} is set: Kong's "logical OR" between auth plugins. */
    boolean hasAnonymous() {
        return anonymous != null;
    }

    /**
     * The consumer, credential and groups of a verified token.
     *
     * @param unknownConsumer makes the decision on a token whose consumer is not found, unless {@code consumer_optional};
     *                        called only when a consumer is missing, at most once
     * @param whenCarriedOut  counts and reports that decision once it is carried out
     */
    ConsumerMapping map(VerifiedToken token, Supplier<GatewayDecision> unknownConsumer, Runnable whenCarriedOut) {
        ConsumerLookup consumer = null;
        Supplier<GatewayDecision> ifMissing = null;
        if (consumerClaim != null) {
            String value = text(consumerClaim.find(token.claims()));
            // null when the claim is absent or no field can hold it: then no lookup can succeed
            consumer = value == null ? null : ConsumerLookup.of(value, lookupFields);
            ifMissing = consumerOptional ? null : unknownConsumer;
        }
        String credential = credentialClaim == null ? null : text(credentialClaim.find(token.claims()));
        List<String> groups = groupsClaim == null ? null : strings(groupsClaim.find(token.claims()));
        return new ConsumerMapping(consumer, credential, groups, ifMissing, false, ifMissing == null ? null : whenCarriedOut);
    }

    /**
     * The {@code anonymous} consumer, found as Kong's {@code load_consumer(anonymous, true)} does (by id when it is a
     * UUID, else by username), without a credential; a missing one is a configuration fault, answered with a 500.
     */
    ConsumerMapping anonymousConsumer() {
        ConsumerLookup lookup = ConsumerLookup.of(anonymous, List.of(ConsumerField.ID, ConsumerField.USERNAME));
        GatewayDecision missing = GatewayDecision.refused(ValidationResult.refused(ReasonCode.INTERNAL_ERROR,
                "the anonymous consumer '" + anonymous + "' does not exist"), HttpRejection.internalError());
        return new ConsumerMapping(lookup, null, null, missing, true);
    }

    /** A claim setting in Kong's array form as a path, or null when it is empty (the setting is off). */
    private static ClaimPath path(JwkGateConfig config, Setting setting) {
        List<String> names = config.stringList(setting);
        return names.isEmpty() ? null : ClaimPath.of(names);
    }

    /** A string, or an integer written exactly; anything else (arrays, objects, fractions) names no one. */
    private static String text(Object value) {
        if (value instanceof String text) {
            return text.isEmpty() ? null : text;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            return value.toString();
        }
        return null;
    }

    /** The strings of an array, or a single string as one group; other values are left out. */
    private static List<String> strings(Object value) {
        if (value instanceof String text) {
            return text.isEmpty() ? List.of() : List.of(text);
        }
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof String text && !text.isEmpty() && !out.contains(text)) {
                    out.add(text);
                }
            }
        }
        return out;
    }
}
