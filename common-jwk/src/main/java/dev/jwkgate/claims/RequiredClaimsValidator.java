package dev.jwkgate.claims;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.List;
import java.util.Optional;

/** {@code required_claims}: each claim path must lead to a value (a JSON null counts as absent). */
final class RequiredClaimsValidator implements ClaimValidator {

    private final List<ClaimPath> required;

    RequiredClaimsValidator(List<ClaimPath> required) {
        this.required = List.copyOf(required);
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        for (ClaimPath path : required) {
            if (path.find(claims.values()) == null) {
                return ClaimValidator.refuse(ReasonCode.MISSING_CLAIM,
                        "the token has no " + LogText.quote(path.text()) + ", which required_claims lists");
            }
        }
        return Optional.empty();
    }
}
