package dev.jwkgate.claims;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.Optional;

/** {@code max_token_age_seconds}: {@code iat} is required and now − iat must not exceed the maximum + skew. */
final class TokenAgeValidator implements ClaimValidator {

    private final long maxAgeMillis;
    private final long skewMillis;

    TokenAgeValidator(long maxAgeMillis, long skewMillis) {
        this.maxAgeMillis = maxAgeMillis;
        this.skewMillis = skewMillis;
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        Long iat = claims.issuedAt();
        if (iat == null) {
            return ClaimValidator.refuse(ReasonCode.MISSING_CLAIM,
                    "the token has no iat, which max_token_age_seconds requires");
        }
        if (nowMillis - iat > maxAgeMillis + skewMillis) {
            return ClaimValidator.refuse(ReasonCode.TOO_OLD, "iat " + NumericDate.show(iat) + " is "
                    + (nowMillis - iat) / 1000 + " s old, max_token_age_seconds is " + maxAgeMillis / 1000);
        }
        return Optional.empty();
    }
}
