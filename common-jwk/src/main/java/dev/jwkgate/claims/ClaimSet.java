package dev.jwkgate.claims;

import dev.jwkgate.json.JsonMembers;
import dev.jwkgate.result.TokenRefusedException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verified payload, unmodifiable so cached tokens can be shared between threads, with the registered
 * time claims already read as NumericDates (epoch milliseconds, null when absent).
 */
public final class ClaimSet {

    private final Map<String, Object> values;
    private final Long expiresAt;
    private final Long notBefore;
    private final Long issuedAt;

    private ClaimSet(Map<String, Object> values, Long expiresAt, Long notBefore, Long issuedAt) {
        this.values = values;
        this.expiresAt = expiresAt;
        this.notBefore = notBefore;
        this.issuedAt = issuedAt;
    }

    /**
     * Reads a parsed payload (whose nested objects and arrays {@code JsonObjectParser} already made unmodifiable);
     * refuses INVALID_CLAIM when exp, nbf or iat is not a NumericDate. The claims go straight into an immutable
     * JDK map, which {@link dev.jwkgate.result.VerifiedToken} then keeps as it is instead of copying it again.
     */
    public static ClaimSet of(JsonMembers parsed) throws TokenRefusedException {
        @SuppressWarnings("unchecked")
        Map.Entry<String, Object>[] entries = new Map.Entry[parsed.size()];
        int count = 0;
        for (int i = 0; i < parsed.size(); i++) {
            Object value = parsed.value(i);
            // a claim whose value is JSON null is treated as absent (VerifiedToken holds no nulls)
            if (value != null) {
                entries[count++] = Map.entry(parsed.name(i), value);
            }
        }
        return read(Map.ofEntries(count == entries.length ? entries : Arrays.copyOf(entries, count)));
    }

    /** Reads claims that are already a map (a cached token's); JSON nulls are dropped as above. */
    public static ClaimSet of(Map<String, Object> parsed) throws TokenRefusedException {
        Map<String, Object> values = parsed;
        if (hasNullValue(parsed)) {
            values = new LinkedHashMap<>(parsed);
            values.values().removeIf(java.util.Objects::isNull);
        }
        return read(Map.copyOf(values));
    }

    /** @param values immutable, without nulls */
    private static ClaimSet read(Map<String, Object> values) throws TokenRefusedException {
        return new ClaimSet(values, NumericDate.millis(values, "exp"),
                NumericDate.millis(values, "nbf"), NumericDate.millis(values, "iat"));
    }

    private static boolean hasNullValue(Map<String, Object> map) {
        for (Object value : map.values()) {
            if (value == null) {
                return true; // containsValue(null) would throw on immutable maps
            }
        }
        return false;
    }

    public Map<String, Object> values() {
        return values;
    }

    Object get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    public Long expiresAt() {
        return expiresAt;
    }

    Long notBefore() {
        return notBefore;
    }

    Long issuedAt() {
        return issuedAt;
    }
}
