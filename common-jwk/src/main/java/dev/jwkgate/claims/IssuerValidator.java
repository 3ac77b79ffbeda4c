package dev.jwkgate.claims;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.Optional;

/** {@code iss} must equal the configured issuer byte for byte: a key set vouches only for its own issuer. */
final class IssuerValidator implements ClaimValidator {

    private final String issuer;

    IssuerValidator(String issuer) {
        this.issuer = issuer;
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        Object iss = claims.get("iss");
        if (iss == null) {
            return ClaimValidator.refuse(ReasonCode.MISSING_CLAIM, "the token has no iss, expected '" + issuer + "'");
        }
        if (!(iss instanceof String)) {
            return ClaimValidator.refuse(ReasonCode.INVALID_CLAIM, "iss is " + LogText.quote(iss) + ", not a string");
        }
        if (!issuer.equals(iss)) {
            return ClaimValidator.refuse(ReasonCode.WRONG_ISSUER, "iss is " + LogText.quote(iss)
                    + ", expected '" + issuer + "'");
        }
        return Optional.empty();
    }
}
