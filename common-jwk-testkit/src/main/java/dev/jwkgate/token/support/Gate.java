package dev.jwkgate.token.support;

import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.metrics.support.RecordingMetrics;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.token.JwsTokenValidator;
import dev.jwkgate.token.TokenValidator;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One issuer's test world: a configuration, a pinned clock, an in-memory key source and a recording audit
 * listener, plus well-formed tokens to start every forgery from.
 */
public final class Gate {

    public static final String ISSUER = "https://issuer.example";
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    public final TestClock clock = new TestClock(NOW);
    public final RecordingAudit audit = new RecordingAudit();
    public final RecordingMetrics metrics = new RecordingMetrics();
    public final InMemoryKeySource source;
    public final JwkGateConfig.Builder config;

    private Gate(JwkGateConfig.Builder config, TrustedKey... keys) {
        this.config = config;
        this.source = new InMemoryKeySource(ISSUER, keys);
    }

    /** An asymmetric issuer (jwks_uri) whose set holds these keys. */
    public static Gate withKeys(SigningKey... keys) {
        return new Gate(JwkGateConfig.builder().issuer(ISSUER).jwksUri(ISSUER + "/jwks"), trusted(keys));
    }

    /** An HMAC issuer (hmac_secrets, HS256/384/512 allowed) whose set holds these secrets. */
    public static Gate withSecrets(SigningKey... keys) {
        return new Gate(JwkGateConfig.builder().issuer(ISSUER)
                .set(Setting.HMAC_SECRETS, Map.of("configured", SigningKey.b64(new byte[64]).replace('A', 'B'))),
                trusted(keys));
    }

    private static TrustedKey[] trusted(SigningKey... keys) {
        TrustedKey[] trusted = new TrustedKey[keys.length];
        for (int i = 0; i < keys.length; i++) {
            trusted[i] = keys[i].trusted();
        }
        return trusted;
    }

    /** Moves this world's clock (tokens made afterwards are issued at {@code now}). */
    public Gate at(Instant now) {
        clock.set(now);
        return this;
    }

    public Gate set(Setting setting, Object value) {
        config.set(setting, value);
        return this;
    }

    public TokenValidator validator() {
        return JwsTokenValidator.create(config.build(), source, clock, audit, metrics);
    }

    public ValidationResult validate(String token) {
        return validator().validate(token);
    }

    /** A token that passes every default check: iss, exp in 5 minutes, iat now. */
    public Jws token(String alg, String kid) {
        return Jws.header(alg, kid).claim("iss", ISSUER).claim("sub", "alice")
                .claim("iat", clock.instant().getEpochSecond())
                .claim("exp", clock.instant().getEpochSecond() + 300);
    }

    public Jws token(SigningKey key, String alg) {
        return token(alg, key.kid());
    }

    /** Asserts a refusal with this reason and returns its message. */
    public String refuses(String token, ReasonCode reason) {
        ValidationResult result = validate(token);
        assertThat(result.isValid()).as("token accepted, expected %s", reason).isFalse();
        assertThat(result.reason()).as(result.message()).isEqualTo(reason);
        return result.message();
    }

    public void accepts(String token) {
        ValidationResult result = validate(token);
        assertThat(result.isValid()).as("%s", result).isTrue();
    }
}
