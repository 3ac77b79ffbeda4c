package dev.jwkgate.claims;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.Optional;

/** {@code exp}: required when {@code require_expiration}; expired once now ≥ exp + skew (exp == now is expired). */
final class ExpirationValidator implements ClaimValidator {

    private final boolean required;
    private final long skewMillis;

    ExpirationValidator(boolean required, long skewMillis) {
        this.required = required;
        this.skewMillis = skewMillis;
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        Long exp = claims.expiresAt();
        if (exp == null) {
            return required ? ClaimValidator.refuse(ReasonCode.MISSING_CLAIM,
                    "the token has no exp and require_expiration is on") : Optional.empty();
        }
        if (nowMillis >= exp + skewMillis) {
            return ClaimValidator.refuse(ReasonCode.EXPIRED, "exp " + NumericDate.show(exp) + " has passed (now "
                    + NumericDate.show(nowMillis) + ", clock skew " + skewMillis / 1000 + " s)");
        }
        return Optional.empty();
    }
}
