package dev.jwkgate.keys.rotation;

import java.time.Duration;

/**
 * How long a replaced key stays in the JWKS: never shorter than the longest lifespan a token it signed can have,
 * or that token stops verifying before it expires.
 */
public final class RetirementGrace {

    /** Floor of the automatic grace, when it is longer than every token lifespan of the realm. */
    public static final Duration MIN_AUTOMATIC = Duration.ofDays(1);

    private static final String LABEL = "Retirement grace";

    private RetirementGrace() {
    }

    /**
     * The grace an admin's save must accept: empty means the longest token lifespan, at least {@link #MIN_AUTOMATIC}.
     *
     * @param configured   the setting as typed, or null/blank
     * @param longestToken the longest lifespan of a token the provider's keys sign
     * @param realmName    for the message
     * @throws IllegalArgumentException when the setting is unreadable or shorter than {@code longestToken}
     */
    public static Duration forSave(String configured, Duration longestToken, String realmName) {
        Duration grace = orAutomatic(configured, longestToken);
        if (grace.compareTo(longestToken) < 0) {
            throw new IllegalArgumentException("'" + LABEL + "' (" + Durations.format(grace)
                    + ") is shorter than the longest token lifespan of realm " + realmName + " ("
                    + Durations.format(longestToken) + "): tokens of a retired key would stop verifying before they expire");
        }
        return grace;
    }

    /**
     * The grace for a scheduled pass. When the tokens have come to live longer than the saved grace, the grace is
     * stretched to match: refusing would halt the rotation, and a longer grace only keeps a retired key verifying
     * a little longer.
     *
     * @throws IllegalArgumentException when the setting is unreadable
     */
    public static Duration forScheduledPass(String configured, Duration longestToken) {
        Duration grace = orAutomatic(configured, longestToken);
        return grace.compareTo(longestToken) < 0 ? longestToken : grace;
    }

    private static Duration orAutomatic(String configured, Duration longestToken) {
        if (configured == null || configured.isBlank()) {
            return longestToken.compareTo(MIN_AUTOMATIC) > 0 ? longestToken : MIN_AUTOMATIC;
        }
        return Durations.parse(LABEL, configured);
    }
}
