package dev.jwkgate.claims;

import dev.jwkgate.json.JsonMembers;
import dev.jwkgate.json.JsonObjectMap;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verified payload, unmodifiable so cached tokens can be shared between threads, with the registered
 * time claims already read as NumericDates (epoch milliseconds, null when absent).
 *
 * <p>A claim set to JSON {@code null} is present, never absent. A registered claim (RFC 7519 §4.1) set to null is
 * refused INVALID_CLAIM whatever the configuration: none of them is defined with a null value, and reading
 * {@code "exp": null} as "no exp" let a token without an expiry through where {@code require_expiration} is off.
 * Any other claim set to null is left out of {@link #values()} (a verified token holds no nulls, so nothing is
 * forwarded for it) but still counts as present-but-null where a rule asks for it ({@link #isNull}).
 */
public final class ClaimSet {

    /** RFC 7519 §4.1, in the order they are checked. */
    private static final List<String> REGISTERED = List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");
    private static final Set<String> NUMERIC_DATES = Set.of("exp", "nbf", "iat");

    private final Map<String, Object> values;
    private final Set<String> nullClaims;
    private final Long expiresAt;
    private final Long notBefore;
    private final Long issuedAt;

    private ClaimSet(Map<String, Object> values, Set<String> nullClaims, Long expiresAt, Long notBefore,
                     Long issuedAt) {
        this.values = values;
        this.nullClaims = nullClaims;
        this.expiresAt = expiresAt;
        this.notBefore = notBefore;
        this.issuedAt = issuedAt;
    }

    /**
     * Reads a parsed payload (whose nested objects and arrays {@code JsonObjectParser} already made unmodifiable);
     * refuses INVALID_CLAIM when a registered claim is null or exp, nbf or iat is not a NumericDate. The claims stay
     * in the parser's arrays ({@link JsonMembers#withoutNulls()}), which {@link dev.jwkgate.result.VerifiedToken}
     * then keeps as they are instead of copying them again.
     */
    public static ClaimSet of(JsonMembers parsed) throws TokenRefusedException {
        Set<String> nulls = null;
        for (int i = 0; parsed.holdsNull() && i < parsed.size(); i++) {
            if (parsed.isNull(i)) {
                nulls = nulls == null ? new HashSet<>() : nulls;
                nulls.add(parsed.name(i));
            }
        }
        return read(parsed.withoutNulls(), nulls);
    }

    /** Reads claims that are already a map (a cached token's), by the same rules. */
    public static ClaimSet of(Map<String, Object> parsed) throws TokenRefusedException {
        Map<String, Object> values = parsed;
        Set<String> nulls = null;
        if (hasNullValue(parsed)) {
            values = new LinkedHashMap<>(parsed);
            nulls = new HashSet<>();
            for (Map.Entry<String, Object> claim : parsed.entrySet()) {
                if (claim.getValue() == null) {
                    nulls.add(claim.getKey());
                }
            }
            values.values().removeIf(java.util.Objects::isNull);
        }
        return read(JsonObjectMap.copyOf(values), nulls);
    }

    /**
     * @param values immutable, without nulls
     * @param nulls  the names of claims set to null, or null when there are none
     */
    private static ClaimSet read(Map<String, Object> values, Set<String> nulls) throws TokenRefusedException {
        if (nulls != null) {
            for (String name : REGISTERED) {
                if (nulls.contains(name)) {
                    throw TokenRefusedException.of(ReasonCode.INVALID_CLAIM, name + " is null, "
                            + (NUMERIC_DATES.contains(name) ? "not a NumericDate number"
                                    : "not a value: no registered claim (RFC 7519 §4.1) may be null"));
                }
            }
        }
        return new ClaimSet(values, nulls == null ? Set.of() : Set.copyOf(nulls), NumericDate.millis(values, "exp"),
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

    /** The claims with a value: a claim set to null is not among them. */
    public Map<String, Object> values() {
        return values;
    }

    Object get(String name) {
        return values.get(name);
    }

    /** Whether the claim is present and set to JSON null: not absent, and not a value a rule can accept. */
    boolean isNull(String name) {
        return nullClaims.contains(name);
    }

    /** The value at the path, or null when it leads to nothing or to JSON null. */
    Object get(ClaimPath path) {
        return path.find(values);
    }

    /**
     * Whether the path leads to JSON null, at its end or on the way ({@code "realm_access": null}): present, and
     * not a value a rule can accept, like a top-level claim set to null.
     */
    boolean isNull(ClaimPath path) {
        return isNull(path.names().get(0)) || path.reachesNull(values);
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
