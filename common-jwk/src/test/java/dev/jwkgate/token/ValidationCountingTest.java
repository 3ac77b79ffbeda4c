package dev.jwkgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.Setting;
import dev.jwkgate.metrics.support.RecordingMetrics;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.token.support.Gate;
import dev.jwkgate.token.support.SigningKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every verdict is counted once, with its reason; full checks are timed, cache hits are not. */
class ValidationCountingTest {

    private final SigningKey key = SigningKey.rsa("k1");
    private final Gate gate = Gate.withKeys(key);
    private final RecordingMetrics metrics = gate.metrics;

    @Test
    void countsAnAcceptedTokenOnceAndTimesIt() {
        gate.accepts(gate.token(key, "RS256").signedWith(key));

        assertThat(metrics.count("accepted")).isEqualTo(1);
        assertThat(metrics.verdicts()).isEqualTo(1);
    }

    @Test
    void countsEachRefusalWithItsReasonCodeAndTimesIt() {
        TokenValidator validator = gate.validator();
        validator.validate("not-a-token");
        validator.validate(gate.token(key, "RS256").claim("exp", Gate.NOW.getEpochSecond() - 3600).signedWith(key));
        validator.validate(gate.token(key, "RS256").claim("exp", Gate.NOW.getEpochSecond() - 3600).signedWith(key));

        assertThat(metrics.count("refused:malformed")).isEqualTo(1);
        assertThat(metrics.count("refused:expired")).isEqualTo(2);
        assertThat(metrics.verdicts()).isEqualTo(3);
    }

    @Test
    void countsTheIssuerItWasConfiguredWith() {
        gate.validator();

        assertThat(metrics.issuers).containsExactly(Gate.ISSUER);
    }

    @Test
    void countsACacheHitAsAcceptedFromTheCacheWithoutTimingIt() {
        gate.set(Setting.TOKEN_CACHE_ENABLED, true);
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key);

        validator.validate(token);
        validator.validate(token);
        validator.validate(token);

        assertThat(metrics.count("accepted")).isEqualTo(1);
        assertThat(metrics.count("accepted_from_cache")).isEqualTo(2);
        assertThat(metrics.count("cache_miss")).isEqualTo(1);
        assertThat(metrics.count("cache_hit")).isEqualTo(2);
    }

    @Test
    void countsACachedTokenRefusedAgainAsAHitAndAnUntimedRefusal() {
        gate.set(Setting.TOKEN_CACHE_ENABLED, true).set(Setting.MAX_TOKEN_AGE_SECONDS, 120);
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key); // iat now, exp in 5 minutes
        validator.validate(token);

        gate.clock.advance(Duration.ofSeconds(60));
        validator.validate(token);
        gate.clock.advance(Duration.ofSeconds(121)); // the age is rechecked on every hit (the 60 s skew is allowed)
        validator.validate(token);

        assertThat(metrics.count("accepted")).isEqualTo(1);
        assertThat(metrics.count("accepted_from_cache")).isEqualTo(1);
        assertThat(metrics.count("refused_untimed:too_old")).isEqualTo(1);
        assertThat(metrics.count("cache_hit")).isEqualTo(2);
        assertThat(metrics.verdicts()).isEqualTo(3);
    }

    @Test
    void countsAMissWhenTheCachedKeyLeftTheSet() {
        gate.set(Setting.TOKEN_CACHE_ENABLED, true);
        TokenValidator validator = gate.validator();
        String token = gate.token(key, "RS256").signedWith(key);
        validator.validate(token);

        gate.source.setKeys(SigningKey.rsa("k2").trusted());
        validator.validate(token);

        assertThat(metrics.count("cache_miss")).isEqualTo(2);
        assertThat(metrics.count("cache_hit")).isZero();
        assertThat(metrics.count("refused:unknown_key")).isEqualTo(1);
    }

    @Test
    void countsEntriesPushedOutToMakeRoom() {
        gate.set(Setting.TOKEN_CACHE_ENABLED, true).set(Setting.TOKEN_CACHE_MAX_ENTRIES, 8);
        TokenValidator validator = gate.validator();

        for (int i = 0; i < 9; i++) {
            validator.validate(gate.token(key, "RS256").claim("jti", "t" + i).signedWith(key));
        }

        // the ninth token finds the cache full: an eighth of it (one entry) goes
        assertThat(metrics.count("cache_evicted")).isEqualTo(1);
    }

    @Test
    void reportsTheNumberOfCachedTokens() {
        gate.set(Setting.TOKEN_CACHE_ENABLED, true);
        TokenValidator validator = gate.validator();
        for (int i = 0; i < 3; i++) {
            validator.validate(gate.token(key, "RS256").claim("jti", "t" + i).signedWith(key));
        }

        assertThat(metrics.cacheSizes).hasSize(1);
        assertThat(metrics.cacheSizes.get(0).getAsInt()).isEqualTo(3);
    }

    @Test
    void registersNoCacheWhenTheCacheIsOff() {
        gate.validator();

        assertThat(metrics.cacheSizes).isEmpty();
    }

    @Test
    void countsEveryValidationOnceWhateverItsPath() {
        gate.set(Setting.TOKEN_CACHE_ENABLED, true);
        TokenValidator validator = gate.validator();
        String good = gate.token(key, "RS256").signedWith(key);
        String forged = gate.token(key, "RS256").claim("sub", "admin").signingInput() + "." + good.split("\\.")[2];
        List<String> tokens = List.of(good, good, forged, "", "a.b", good, forged, "x".repeat(20_000));

        tokens.forEach(validator::validate);

        assertThat(metrics.verdicts()).isEqualTo(tokens.size());
        assertThat(metrics.count("refused:" + ReasonCode.BAD_SIGNATURE.code())).isEqualTo(2);
    }
}
