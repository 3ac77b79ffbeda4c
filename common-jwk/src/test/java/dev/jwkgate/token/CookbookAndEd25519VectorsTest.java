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
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7520 §4 (JOSE cookbook) and RFC 8037 A.4 (Ed25519) signatures through the full validator: their payloads
 * are prose, not JSON, so a JWT core verifies the signature and then refuses the payload as MALFORMED; a
 * flipped bit is BAD_SIGNATURE; JSON serializations are not compact JWS and are MALFORMED.
 */
class CookbookAndEd25519VectorsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T00:00:00Z"));
    private final RecordingAudit audit = new RecordingAudit();

    @ParameterizedTest
    @ValueSource(strings = {"4.1", "4.2", "4.3", "4.4"})
    void verifiesTheCookbookSignatureThenRefusesItsProsePayload(String vector) throws Exception {
        ValidationResult result = validate(cookbookKey(vector), compact(vector));
        assertThat(result.reason()).as("%s", result).isEqualTo(ReasonCode.MALFORMED);
        assertThat(result.message()).contains("payload");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.1", "4.2", "4.3", "4.4"})
    void refusesTheCookbookTokenWithAFlippedSignatureBit(String vector) throws Exception {
        ValidationResult result = validate(cookbookKey(vector), flipLastSignatureByte(compact(vector)));
        assertThat(result.reason()).as("%s", result).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void refusesTheDetachedPayloadVectorWithoutItsPayload() throws Exception {
        ValidationResult result = validate(cookbookKey("4.5"), compact("4.5"));
        assertThat(result.isValid()).isFalse();
        assertThat(result.reason()).isIn(ReasonCode.MALFORMED, ReasonCode.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc7520_4.6.jwsf", "rfc7520_4.7.jwsf", "rfc7520_4.8.jwsg", "rfc7515_A.6.jwsg",
            "rfc7515_A.7.jwsf"})
    void refusesJsonSerializationsAsNotCompact(String file) throws Exception {
        ValidationResult result = validate(cookbookKey("4.1"), RfcVectors.read("latchset/" + file));
        assertThat(result.reason()).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void verifiesTheRfc8037Ed25519SignatureThenRefusesItsProsePayload() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> rfc = (Map<String, Object>) JsonUtil.parseJson(
                RfcVectors.read("rfc8037/rfc8037_appendix_a_ed25519.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> publicJwk = (Map<String, Object>) rfc.get("A.2_public_key");
        PublicKey key = PublicJsonWebKey.Factory.newPublicJwk(publicJwk).getPublicKey();
        TrustedKey trusted = new TrustedKey(null, KeyFamily.OKP, "Ed25519", key, Set.of("EdDSA"),
                SigningKey.thumbprint(key));
        @SuppressWarnings("unchecked")
        String compact = (String) ((Map<String, Object>) rfc.get("A.4_jws")).get("compact");

        ValidationResult result = validate(trusted, compact);
        assertThat(result.reason()).isEqualTo(ReasonCode.MALFORMED);
        assertThat(validate(trusted, flipLastSignatureByte(compact)).reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    private ValidationResult validate(TrustedKey key, String token) {
        boolean hmac = key.family() == KeyFamily.OCT;
        JwkGateConfig.Builder config = JwkGateConfig.builder().issuer("https://cookbook.example")
                .set(Setting.ALLOW_MISSING_KID, true);
        if (hmac) {
            config.set(Setting.HMAC_SECRETS, Map.of("k", SigningKey.b64(new byte[32]).replace('A', 'Q')));
        } else {
            config.jwksUri("https://cookbook.example/jwks")
                    .set(Setting.ALGORITHMS, List.of("RS256", "PS384", "ES512", "EdDSA"));
        }
        return JwsTokenValidator.create(config.build(), new InMemoryKeySource("https://cookbook.example", key), clock,
                audit).validate(token.strip());
    }

    /** The cookbook's key with its kid, public part only, as ingestion would hold it. */
    private static TrustedKey cookbookKey(String vector) throws Exception {
        JsonWebKey jwk = JsonWebKey.Factory.newJwk(RfcVectors.read("latchset/rfc7520_" + vector + ".jwk"));
        String kid = jwk.getKeyId();
        if (jwk instanceof OctetSequenceJsonWebKey) {
            byte[] secret = ((OctetSequenceJsonWebKey) jwk).getOctetSequence();
            return new TrustedKey(kid, KeyFamily.OCT, null, new SecretKeySpec(secret, "HMAC"), Set.of("HS256"),
                    jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        }
        PublicKey key = ((PublicJsonWebKey) jwk).getPublicKey();
        boolean ec = jwk.getKeyType().equals("EC");
        return new TrustedKey(kid, ec ? KeyFamily.EC : KeyFamily.RSA, ec ? "P-521" : null, key,
                ec ? Set.of("ES512") : Set.of("RS256", "PS384"), SigningKey.thumbprint(key));
    }

    private static String compact(String vector) {
        return RfcVectors.read("latchset/rfc7520_" + vector + ".jwsc").strip();
    }

    private static String flipLastSignatureByte(String token) {
        String t = token.strip();
        char c = t.charAt(t.length() - 3);
        return t.substring(0, t.length() - 3) + (c == 'A' ? 'B' : 'A') + t.substring(t.length() - 2);
    }
}
