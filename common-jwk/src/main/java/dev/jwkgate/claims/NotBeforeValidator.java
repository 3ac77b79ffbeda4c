package dev.jwkgate.claims;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.Optional;

/** {@code nbf}: refused while nbf > now + skew. */
final class NotBeforeValidator implements ClaimValidator {

    private final long skewMillis;

    NotBeforeValidator(long skewMillis) {
        this.skewMillis = skewMillis;
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        Long nbf = claims.notBefore();
        if (nbf != null && nbf > nowMillis + skewMillis) {
            return ClaimValidator.refuse(ReasonCode.NOT_YET_VALID, "nbf " + NumericDate.show(nbf) + " is in the future (now "
                    + NumericDate.show(nowMillis) + ", clock skew " + skewMillis / 1000 + " s)");
        }
        return Optional.empty();
    }
}
