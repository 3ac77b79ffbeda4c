package dev.jwkgate.result;

import java.util.Objects;

/**
 * Why one check refused a token: a stable reason code and a precise message for the log.
 *
 * @param message names claims, values, kids or limits; never the token, a signature or key material
 */
public record Refusal(ReasonCode reason, String message) {

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** Ends the validation pipeline with this refusal. */
    public TokenRefusedException asException() {
        return new TokenRefusedException(this);
    }
}
