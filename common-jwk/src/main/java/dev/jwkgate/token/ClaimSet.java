package dev.jwkgate.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verified payload: claims frozen so cached tokens can be shared between threads, and the registered
 * time claims already read as NumericDates (epoch milliseconds, null when absent).
 */
final class ClaimSet {

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

    /** Reads a parsed payload; refuses INVALID_CLAIM when exp, nbf or iat is not a NumericDate. */
    static ClaimSet of(Map<String, Object> parsed) throws TokenRefusedException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : parsed.entrySet()) {
            // a claim whose value is JSON null is treated as absent (VerifiedToken holds no nulls)
            if (entry.getValue() != null) {
                values.put(entry.getKey(), freeze(entry.getValue()));
            }
        }
        return new ClaimSet(Collections.unmodifiableMap(values), NumericDate.millis(values, "exp"),
                NumericDate.millis(values, "nbf"), NumericDate.millis(values, "iat"));
    }

    private static Object freeze(Object value) {
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>(((List<?>) value).size());
            for (Object item : (List<?>) value) {
                copy.add(freeze(item));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    Map<String, Object> values() {
        return values;
    }

    Object get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Long expiresAt() {
        return expiresAt;
    }

    Long notBefore() {
        return notBefore;
    }

    Long issuedAt() {
        return issuedAt;
    }
}
