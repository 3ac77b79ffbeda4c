package dev.jwkgate.claims;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.Optional;

/** {@code iat}: a token issued after now + skew comes from a wrong clock or a forger. */
final class IssuedAtValidator implements ClaimValidator {

    private final long skewMillis;

    IssuedAtValidator(long skewMillis) {
        this.skewMillis = skewMillis;
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        Long iat = claims.issuedAt();
        if (iat != null && iat > nowMillis + skewMillis) {
            return ClaimValidator.refuse(ReasonCode.ISSUED_IN_FUTURE, "iat " + NumericDate.show(iat)
                    + " is in the future (now " + NumericDate.show(nowMillis) + ", clock skew " + skewMillis / 1000 + " s)");
        }
        return Optional.empty();
    }
}
