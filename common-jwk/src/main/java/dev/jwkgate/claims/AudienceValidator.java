package dev.jwkgate.claims;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** When audiences are configured, {@code aud} (a string or an array of strings) must name at least one of them. */
final class AudienceValidator implements ClaimValidator {

    private final Set<String> audiences;

    AudienceValidator(List<String> audiences) {
        this.audiences = Set.copyOf(audiences);
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        Object aud = claims.get("aud");
        if (aud == null) {
            return ClaimValidator.refuse(ReasonCode.MISSING_CLAIM, "the token has no aud, expected one of " + sorted());
        }
        if (aud instanceof String) {
            return audiences.contains(aud) ? Optional.empty() : wrong(aud);
        }
        if (!(aud instanceof List)) {
            return ClaimValidator.refuse(ReasonCode.INVALID_CLAIM, "aud is " + LogText.quote(aud)
                    + ", not a string or an array of strings");
        }
        boolean matched = false;
        for (Object item : (List<?>) aud) {
            if (!(item instanceof String)) {
                return ClaimValidator.refuse(ReasonCode.INVALID_CLAIM, "aud holds " + LogText.quote(item)
                        + ", not a string");
            }
            matched |= audiences.contains(item);
        }
        return matched ? Optional.empty() : wrong(aud);
    }

    private Optional<Refusal> wrong(Object aud) {
        String shown = aud instanceof String ? LogText.quote(aud) : "an array of " + ((List<?>) aud).size()
                + (((List<?>) aud).isEmpty() ? "" : " starting " + LogText.quote(((List<?>) aud).get(0)));
        return ClaimValidator.refuse(ReasonCode.WRONG_AUDIENCE, "aud is " + shown + ", expected one of " + sorted());
    }

    private List<String> sorted() {
        return audiences.stream().sorted().toList();
    }
}
