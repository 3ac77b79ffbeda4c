package dev.jwkgate.claims;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.List;
import java.util.Optional;

/** {@code required_claims}: each must be present (a JSON null counts as absent). */
final class RequiredClaimsValidator implements ClaimValidator {

    private final List<String> required;

    RequiredClaimsValidator(List<String> required) {
        this.required = List.copyOf(required);
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        for (String name : required) {
            if (!claims.has(name)) {
                return ClaimValidator.refuse(ReasonCode.MISSING_CLAIM,
                        "the token has no " + LogText.quote(name) + ", which required_claims lists");
            }
        }
        return Optional.empty();
    }
}
