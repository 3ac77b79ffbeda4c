package dev.jwkgate.claims;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * RFC 7519 NumericDate: a JSON number of seconds since the epoch, fractions allowed. Strings, booleans,
 * non-finite or out-of-range values are refused rather than read leniently, since a lenient reading is how
 * "never expires" tokens get through.
 */
final class NumericDate {

    /** 9999-12-31T23:59:59Z: anything later is an overflow attempt, not a date. */
    static final long MAX_SECONDS = 253_402_300_799L;

    private NumericDate() {
    }

    /**
     * The claim in epoch milliseconds, or null when absent.
     *
     * @param claims without nulls (a claim set to null is refused before), so one lookup tells absent from present
     */
    static Long millis(java.util.Map<String, Object> claims, String name) throws TokenRefusedException {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        double seconds;
        if (value instanceof Long || value instanceof Integer) {
            seconds = ((Number) value).longValue();
        } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            seconds = ((Number) value).doubleValue();
        } else if (value instanceof BigInteger) {
            seconds = Double.POSITIVE_INFINITY;
        } else {
            throw invalid(name, "is " + LogText.quote(value) + ", not a NumericDate number");
        }
        if (!(seconds >= 0 && seconds <= MAX_SECONDS)) {
            throw invalid(name, "is outside the NumericDate range [0, " + MAX_SECONDS + "]");
        }
        return (long) Math.floor(seconds * 1000);
    }

    /** A NumericDate in epoch milliseconds, as ISO-8601 for messages. */
    static String show(long millis) {
        return java.time.Instant.ofEpochMilli(millis).toString();
    }

    private static TokenRefusedException invalid(String name, String why) {
        return TokenRefusedException.of(ReasonCode.INVALID_CLAIM, name + " " + why);
    }
}
