package dev.jwkgate.keys.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When keys rotate.
 *
 * @param algorithm     the JWS algorithm of newly generated keys
 * @param period        how long a key signs before its successor takes over
 * @param lead          how long a new key is in the JWKS, passive, before it signs
 * @param grace         how long a replaced key stays in the JWKS, passive, so tokens it signed still verify
 */
public record RotationPolicy(String algorithm, Duration period, Duration lead, Duration grace) {

    /** How long a key signs unless configured otherwise. */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    /** Twice the longest JWKS cache time common gateways use (jwkgate clamps at one day). */
    public static final Duration DEFAULT_LEAD = Duration.ofDays(2);

    public RotationPolicy {
        Objects.requireNonNull(algorithm, "algorithm");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("'Rotation period' must be longer than zero");
        }
        if (lead.isNegative()) {
            throw new IllegalArgumentException("'Pre-publication lead' must not be negative");
        }
        // a lead as long as the period would need two waiting keys at once; one is enough when it is shorter
        if (lead.compareTo(period) >= 0) {
            throw new IllegalArgumentException("'Pre-publication lead' (" + Durations.format(lead)
                    + ") must be shorter than the 'Rotation period' (" + Durations.format(period) + ")");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("'Retirement grace' must not be negative");
        }
    }

    /**
     * The end of the validity of {@code key}'s certificate: twice the key's planned life (lead, period, grace) from its
     * publication, so a schedule that slips after an outage still finds it valid.
     */
    public Instant certificateEnd(ManagedKey key) {
        return key.publishedAt().plus(lead.plus(period).plus(grace).multipliedBy(2));
    }
}
