package dev.jwkgate.claims;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.Optional;

/** One named check of verified claims; runs only after the signature verified. Immutable and thread-safe. */
interface ClaimValidator {

    /** Why the claims are refused, or empty when this check passes. */
    Optional<Refusal> validate(ClaimSet claims, long nowMillis);

    /** A refusal, for implementations. */
    static Optional<Refusal> refuse(ReasonCode reason, String message) {
        return Optional.of(new Refusal(reason, message));
    }
}
