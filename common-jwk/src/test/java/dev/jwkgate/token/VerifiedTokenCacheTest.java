package dev.jwkgate.token;

import dev.jwkgate.claims.ClaimSet;
import dev.jwkgate.result.TokenRefusedException;
import dev.jwkgate.token.support.Gate;
import dev.jwkgate.token.support.SigningKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.Setting;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Step 7: a repeated valid token skips the signature, but never outlives its key, its exp, its nbf, its max age or
 * the cache TTL.
 */
class VerifiedTokenCacheTest {

    private final SigningKey key = SigningKey.rsa("k1");
    private final Gate gate = Gate.withKeys(key).set(Setting.TOKEN_CACHE_ENABLED, true);

    /**
     * The set now holds a different public key under the same kid and thumbprint label: a cache hit still passes
     * (nothing is verified), a full check fails. So "still valid" after the swap proves the signature was skipped.
     */
    private void swapKeyMaterialKeepingThumbprint() {
        TrustedKey other = SigningKey.rsa("k1", 2048, "rsa-2048-other").trusted();
        gate.source.setKeys(new TrustedKey("k1", other.family(), null, other.key(), other.algorithms(),
                key.trusted().thumbprint()));
    }

    @Test
    void skipsTheSignatureForARepeatedToken() {
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key);
        assertThat(validator.validate(token).isValid()).isTrue();
        swapKeyMaterialKeepingThumbprint();
        assertThat(validator.validate(token).isValid()).isTrue();
    }

    @Test
    void verifiesEveryTimeWhenTheCacheIsOff() {
        gate.set(Setting.TOKEN_CACHE_ENABLED, false);
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key);
        assertThat(validator.validate(token).isValid()).isTrue();
        swapKeyMaterialKeepingThumbprint();
        assertThat(validator.validate(token).reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void returnsTheSameVerifiedClaimsOnAHit() {
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").claim("sub", "bob").signedWith(key);
        ValidationResult first = validator.validate(token);
        ValidationResult second = validator.validate(token);
        assertThat(second.token()).isEqualTo(first.token());
        assertThat(second.token().subject()).contains("bob");
    }

    @Test
    void dropsTheEntryWhenItsKeyLeavesTheSet() {
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key);
        validator.validate(token);
        gate.source.setKeys(SigningKey.ec("k2", "P-256").trusted());
        assertThat(validator.validate(token).reason()).isEqualTo(ReasonCode.UNKNOWN_KEY);
        gate.source.setKeys(key.trusted());
        swapKeyMaterialKeepingThumbprint();
        assertThat(validator.validate(token).reason()).as("the entry is gone, so the token is verified again")
                .isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void dropsTheEntryWhenItsKeyNoLongerAllowsTheAlgorithm() {
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key);
        validator.validate(token);
        gate.source.setKeys(key.allowing("PS256").trusted());
        assertThat(validator.validate(token).reason()).isEqualTo(ReasonCode.KEY_ALGORITHM_MISMATCH);
    }

    @Test
    void dropsTheEntryWhenItsKeyMovesToAnotherKid() {
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key);
        validator.validate(token);
        gate.source.setKeys(key.withKid("k2").trusted());
        assertThat(validator.validate(token).reason()).isEqualTo(ReasonCode.UNKNOWN_KEY);
    }

    @Test
    void rechecksExpOnEveryHit() {
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key);
        validator.validate(token);
        gate.clock.advance(Duration.ofSeconds(300 + 60));
        assertThat(validator.validate(token).reason()).isEqualTo(ReasonCode.EXPIRED);
    }

    @Test
    void rechecksMaxTokenAgeOnEveryHit() {
        gate.set(Setting.MAX_TOKEN_AGE_SECONDS, 60).set(Setting.CLOCK_SKEW_SECONDS, 0);
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key);
        validator.validate(token);
        gate.clock.advance(Duration.ofSeconds(61));
        assertThat(validator.validate(token).reason()).isEqualTo(ReasonCode.TOO_OLD);
    }

    @Test
    void keepsAnEntryNoLongerThanTheTtl() {
        gate.set(Setting.TOKEN_CACHE_TTL_SECONDS, 10);
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key);
        validator.validate(token);
        gate.clock.advance(Duration.ofSeconds(10));
        swapKeyMaterialKeepingThumbprint();
        assertThat(validator.validate(token).reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void keepsAnEntryNoLongerThanExpEvenWithinTheSkew() {
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").claim("exp", Gate.NOW.getEpochSecond() + 5).signedWith(key);
        validator.validate(token);
        gate.clock.advance(Duration.ofSeconds(5));
        swapKeyMaterialKeepingThumbprint();
        assertThat(validator.validate(token).reason()).as("past exp the token is verified in full again")
                .isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void neverServesARefusedTokenFromTheCache() {
        TokenValidator validator = gate.validator();
        String good = gate.token(key, "RS256").signedWith(key);
        String forged = gate.token(key, "RS256").claim("sub", "admin").signingInput() + "." + good.split("\\.")[2];
        assertThat(validator.validate(forged).reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
        assertThat(validator.validate(forged).reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void answersKeysUnavailableOnAHitWhenTheSourceIsDown() {
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key);
        validator.validate(token);
        gate.source.setUnavailable(true);
        assertThat(validator.validate(token).reason()).isEqualTo(ReasonCode.KEYS_UNAVAILABLE);
    }

    @Test
    void staysWithinItsBound() throws TokenRefusedException {
        VerifiedTokenCache cache = new VerifiedTokenCache(8, 60_000);
        String token = gate.token(key, "RS256").signedWith(key);
        ValidationResult verified = gate.validate(token);
        ClaimSet claims = ClaimSet.of(verified.token().claims());
        for (int i = 0; i < 30; i++) {
            cache.put(VerifiedTokenCache.keyOf(token + i), verified.token(), claims, Gate.NOW.toEpochMilli());
            assertThat(cache.size()).isLessThanOrEqualTo(8);
        }
        assertThat(cache.get(VerifiedTokenCache.keyOf(token + 29), Gate.NOW.toEpochMilli())).isNotNull();
    }

    @Test
    void staysCorrectUnderConcurrentHitsMissesAndEvictions() throws Exception {
        gate.set(Setting.TOKEN_CACHE_MAX_ENTRIES, 16);
        TokenValidator validator = gate.validator();
        String good = gate.token(key, "RS256").signedWith(key);
        String forged = gate.token(key, "RS256").claim("sub", "admin").signingInput() + "." + good.split("\\.")[2];
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tokens.add(gate.token(key, "RS256").claim("jti", "t" + i).signedWith(key));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String token = i % 5 == 0 ? forged : tokens.get(i % tokens.size());
                boolean expectValid = i % 5 != 0;
                results.add(pool.submit(() -> validator.validate(token).isValid() == expectValid));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
