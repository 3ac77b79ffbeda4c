package dev.jwkgate.gateway;

import java.util.List;
import java.util.Objects;

/**
 * Which Kong consumer a request belongs to: the one whose {@code fields}, tried in order, first equals {@code value}.
 *
 * @param value  the claim value (or the {@code anonymous} setting)
 * @param fields the fields to try, only those that can hold {@code value}; never empty
 */
public record ConsumerLookup(String value, List<ConsumerField> fields) {

    public ConsumerLookup {
        Objects.requireNonNull(value, "value");
        fields = List.copyOf(fields);
    }

    /** A lookup by the fields that can hold {@code value}; null when none can. */
    static ConsumerLookup of(String value, List<ConsumerField> fields) {
        List<ConsumerField> usable = fields.stream().filter(field -> field.canHold(value)).toList();
        return usable.isEmpty() ? null : new ConsumerLookup(value, usable);
    }
}
