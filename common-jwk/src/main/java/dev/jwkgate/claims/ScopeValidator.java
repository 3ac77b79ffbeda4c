package dev.jwkgate.claims;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code required_scopes}: every one must be granted by {@code scope} (space-separated, RFC 8693) or {@code scp}
 * (a space-separated string or an array, as Azure AD and Okta send it). Answers 403 insufficient_scope.
 */
final class ScopeValidator implements ClaimValidator {

    private final List<String> required;

    ScopeValidator(List<String> required) {
        this.required = List.copyOf(required);
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        Set<String> granted = new HashSet<>();
        for (String claim : List.of("scope", "scp")) {
            Object value = claims.get(claim);
            if (value == null && claims.isNull(claim)) {
                return invalid(claim, null);
            }
            if (value == null) {
                continue;
            }
            if (value instanceof String) {
                addSpaceSeparated((String) value, granted);
            } else if (value instanceof List && claim.equals("scp")) {
                for (Object item : (List<?>) value) {
                    if (!(item instanceof String)) {
                        return invalid(claim, item);
                    }
                    granted.add((String) item);
                }
            } else {
                return invalid(claim, value);
            }
        }
        for (String scope : required) {
            if (!granted.contains(scope)) {
                return ClaimValidator.refuse(ReasonCode.INSUFFICIENT_SCOPE, "scope " + LogText.quote(scope)
                        + " is required and not granted (required_scopes " + required + ")");
            }
        }
        return Optional.empty();
    }

    private static void addSpaceSeparated(String value, Set<String> granted) {
        for (String scope : value.split(" ")) {
            if (!scope.isEmpty()) {
                granted.add(scope);
            }
        }
    }

    private static Optional<Refusal> invalid(String claim, Object value) {
        return ClaimValidator.refuse(ReasonCode.INVALID_CLAIM, claim + " holds " + LogText.quote(value)
                + ", not a string" + (claim.equals("scp") ? " or an array of strings" : ""));
    }
}
