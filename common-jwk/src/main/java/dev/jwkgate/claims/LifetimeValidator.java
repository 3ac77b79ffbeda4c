package dev.jwkgate.claims;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.Refusal;
import java.util.Optional;

/**
 * {@code max_token_lifetime_seconds}: exp − iat (or exp − now without iat) must not exceed the maximum, so an
 * issuer misconfigured to mint year-long tokens is noticed. A token without exp would live forever: refused.
 */
final class LifetimeValidator implements ClaimValidator {

    private final long maxLifetimeMillis;

    LifetimeValidator(long maxLifetimeMillis) {
        this.maxLifetimeMillis = maxLifetimeMillis;
    }

    @Override
    public Optional<Refusal> validate(ClaimSet claims, long nowMillis) {
        Long exp = claims.expiresAt();
        if (exp == null) {
            return ClaimValidator.refuse(ReasonCode.MISSING_CLAIM,
                    "the token has no exp, which max_token_lifetime_seconds requires");
        }
        Long iat = claims.issuedAt();
        long lifetime = exp - (iat != null ? iat : nowMillis);
        if (lifetime > maxLifetimeMillis) {
            return ClaimValidator.refuse(ReasonCode.LIFETIME_TOO_LONG, "the token lives " + lifetime / 1000 + " s ("
                    + (iat != null ? "exp - iat" : "exp - now") + "), max_token_lifetime_seconds is "
                    + maxLifetimeMillis / 1000);
        }
        return Optional.empty();
    }
}
