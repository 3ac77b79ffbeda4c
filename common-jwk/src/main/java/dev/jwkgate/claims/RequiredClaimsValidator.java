package dev.jwkgate.claims;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.List;
import java.util.Optional;

/** {@code required_claims}: each claim path must lead to a value; one set to JSON null is present but invalid. */
final class RequiredClaimsValidator implements ClaimValidator {

    private final List<ClaimPath> required;

    RequiredClaimsValidator(List<ClaimPath> required) {
        this.required = List.copyOf(required);
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        for (ClaimPath path : required) {
            if (claims.isNull(path)) {
                return ClaimValidator.refuse(ReasonCode.INVALID_CLAIM,
                        "the token's " + LogText.quote(path.text()) + " is null, and required_claims lists it");
            }
            if (claims.get(path) == null) {
                return ClaimValidator.refuse(ReasonCode.MISSING_CLAIM,
                        "the token has no " + LogText.quote(path.text()) + ", which required_claims lists");
            }
        }
        return Optional.empty();
    }
}
