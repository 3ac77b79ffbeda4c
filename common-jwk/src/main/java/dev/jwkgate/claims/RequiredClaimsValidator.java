package dev.jwkgate.claims;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.List;
import java.util.Optional;

/** {@code required_claims}: each must be present with a value; one set to JSON null is present but invalid. */
final class RequiredClaimsValidator implements ClaimValidator {

    private final List<String> required;

    RequiredClaimsValidator(List<String> required) {
        this.required = List.copyOf(required);
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        for (String name : required) {
            if (claims.isNull(name)) {
                return ClaimValidator.refuse(ReasonCode.INVALID_CLAIM,
                        "the token's " + LogText.quote(name) + " is null, and required_claims lists it");
            }
            if (!claims.has(name)) {
                return ClaimValidator.refuse(ReasonCode.MISSING_CLAIM,
                        "the token has no " + LogText.quote(name) + ", which required_claims lists");
            }
        }
        return Optional.empty();
    }
}
