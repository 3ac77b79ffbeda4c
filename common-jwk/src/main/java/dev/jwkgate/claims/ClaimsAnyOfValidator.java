package dev.jwkgate.claims;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code claims_any_of}: each listed claim (a string or an array, top-level or at a {@link ClaimPath}) must contain at
 * least one accepted value, e.g. {@code realm_access.roles} contains {@code llm-user}. A missing claim is refused
 * the same way: 403 insufficient_scope.
 */
final class ClaimsAnyOfValidator implements ClaimValidator {

    private final Map<ClaimPath, List<String>> accepted;

    ClaimsAnyOfValidator(Map<ClaimPath, List<String>> accepted) {
        this.accepted = Map.copyOf(accepted);
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        for (Map.Entry<ClaimPath, List<String>> rule : accepted.entrySet()) {
            Object value = claims.get(rule.getKey());
            if (!containsAny(value, rule.getValue())) {
                return ClaimValidator.refuse(ReasonCode.INSUFFICIENT_SCOPE, "claim " + LogText.quote(rule.getKey().text())
                        + (claims.isNull(rule.getKey()) ? " is null"
                                : value == null ? " is missing" : " holds none of the accepted values")
                        + "; claims_any_of accepts " + rule.getValue());
            }
        }
        return Optional.empty();
    }

    private static boolean containsAny(Object value, List<String> acceptedValues) {
        if (value instanceof String) {
            return acceptedValues.contains(value);
        }
        if (value instanceof List) {
            for (Object item : (List<?>) value) {
                if (item instanceof String && acceptedValues.contains(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
