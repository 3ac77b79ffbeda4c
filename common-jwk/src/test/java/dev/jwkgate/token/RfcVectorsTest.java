package dev.jwkgate.token;

import dev.jwkgate.token.support.InMemoryKeySource;
import dev.jwkgate.token.support.RecordingAudit;
import dev.jwkgate.token.support.SigningKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.source.support.TestClock;
import dev.jwkgate.support.RfcVectors;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

/**
 * RFC 7515 appendix A compact vectors: A.1–A.3 verify, A.4's payload is not JSON, A.5 is unsecured. Their exp is
 * 2011-03-22T18:43:00Z, so the clock is pinned a minute earlier; the issuer is "joe" and no audience is set.
 */
class RfcVectorsTest {

    private static final Instant BEFORE_EXPIRY = Instant.parse("2011-03-22T18:42:00Z");

    private final TestClock clock = new TestClock(BEFORE_EXPIRY);
    private final RecordingAudit audit = new RecordingAudit();

    @Test
    void acceptsA1Hs256WithTheVectorSecret() throws Exception {
        ValidationResult result = validate("A.1", hmacConfig(), trustedKey("A.1", null));
        assertThat(result.isValid()).as("%s", result).isTrue();
        assertThat(result.token().algorithm()).isEqualTo("HS256");
        assertThat(result.token().claim("http://example.com/is_root")).contains(true);
    }

    @Test
    void acceptsA2Rs256() throws Exception {
        ValidationResult result = validate("A.2", jwksConfig(), trustedKey("A.2", "RS256"));
        assertThat(result.isValid()).as("%s", result).isTrue();
        assertThat(result.token().subject()).isEmpty();
        assertThat(result.token().expiresAt()).isEqualTo(Instant.parse("2011-03-22T18:43:00Z"));
    }

    @Test
    void acceptsA3Es256WithTheClockPinnedBeforeExpiry() throws Exception {
        ValidationResult result = validate("A.3", jwksConfig(), trustedKey("A.3", "ES256"));
        assertThat(result.isValid()).as("%s", result).isTrue();
    }

    @Test
    void refusesA3Es256AsExpiredWithTheRealClock() throws Exception {
        clock.set(Instant.now());
        ValidationResult result = validate("A.3", jwksConfig(), trustedKey("A.3", "ES256"));
        assertThat(result.reason()).isEqualTo(ReasonCode.EXPIRED);
    }

    @Test
    void refusesA4Es512AsMalformedBecauseItsVerifiedPayloadIsNotJson() throws Exception {
        ValidationResult result = validate("A.4", jwksConfig(), trustedKey("A.4", "ES512"));
        assertThat(result.reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(result.message()).contains("payload");
    }

    @Test
    void refusesA4WithAFlippedSignatureBitAsBadSignatureNotMalformed() throws Exception {
        String token = vector("A.4");
        char last = token.charAt(token.length() - 2);
        String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        ValidationResult result = JwsTokenValidator.create(jwksConfig(), new InMemoryKeySource("joe",
                trustedKey("A.4", "ES512")), clock, audit).validate(flipped);
        assertThat(result.reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void refusesA5UnsecuredTokenAsUnsupportedAlgorithm() throws Exception {
        ValidationResult result = validate("A.5", jwksConfig(), trustedKey("A.2", "RS256"));
        assertThat(result.reason()).isEqualTo(ReasonCode.UNSUPPORTED_ALGORITHM);
    }

    private ValidationResult validate(String vector, JwkGateConfig config, TrustedKey key) {
        InMemoryKeySource source = new InMemoryKeySource("joe", key);
        return JwsTokenValidator.create(config, source, clock, audit).validate(vector(vector));
    }

    private static JwkGateConfig jwksConfig() {
        return JwkGateConfig.builder().issuer("joe").jwksUri("https://joe.example/jwks")
                .set(Setting.ALLOW_MISSING_KID, true).build();
    }

    private static JwkGateConfig hmacConfig() {
        return JwkGateConfig.builder().issuer("joe").set(Setting.ALLOW_MISSING_KID, true)
                .set(Setting.HMAC_SECRETS, Map.of("A.1", SigningKey.b64(new byte[32]).replace('A', 'Q'))).build();
    }

    /** The vector's key as key ingestion would hold it: public part only, no kid (the vectors have none). */
    private static TrustedKey trustedKey(String vector, String alg) throws Exception {
        JsonWebKey jwk = JsonWebKey.Factory.newJwk(RfcVectors.read("latchset/rfc7515_" + vector + ".jwk"));
        if (jwk instanceof OctetSequenceJsonWebKey) {
            byte[] secret = ((OctetSequenceJsonWebKey) jwk).getOctetSequence();
            return new TrustedKey(null, KeyFamily.OCT, null, new SecretKeySpec(secret, "HMAC"),
                    Set.of("HS256", "HS384", "HS512"), jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        }
        PublicKey key = ((PublicJsonWebKey) jwk).getPublicKey();
        KeyFamily family = alg.startsWith("ES") ? KeyFamily.EC : KeyFamily.RSA;
        String curve = alg.equals("ES256") ? "P-256" : alg.equals("ES512") ? "P-521" : null;
        return new TrustedKey(null, family, curve, key, Set.of(alg), SigningKey.thumbprint(key));
    }

    private static String vector(String name) {
        return RfcVectors.read("latchset/rfc7515_" + name + ".jwsc").trim();
    }
}
