package dev.jwkgate.keys;

import static dev.jwkgate.keys.TestKeys.jwks;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OKP (RFC 8037) rules at JWKS ingestion: EdDSA curves only, exact key lengths. */
class OkpKeyIngestionTest {

    private final KeyIngestionPolicy policy = new KeyIngestionPolicy(65_536, 100);

    private IngestedKeySet ingest(Map<String, Object> jwk) throws KeySetRejectedException {
        return policy.ingest(jwks(jwk), KeyOrigin.REMOTE, Instant.EPOCH);
    }

    private String refusal(Map<String, Object> jwk) throws KeySetRejectedException {
        IngestedKeySet result = ingest(jwk);
        assertThat(result.keys().size()).isZero();
        return result.refusals().get(0).why();
    }

    private static Map<String, Object> ed25519() {
        return TestKeys.publicJwk(TestKeys.edDsa("Ed25519").getPublic(), "ed");
    }

    @Test
    void acceptsEd25519KeyForEdDsa() throws Exception {
        TrustedKey key = ingest(ed25519()).keys().keys().get(0);

        assertThat(key.family()).isEqualTo(KeyFamily.OKP);
        assertThat(key.curve()).isEqualTo("Ed25519");
        assertThat(key.algorithms()).containsExactly("EdDSA");
    }

    @Test
    void acceptsEd448KeyForEdDsa() throws Exception {
        TrustedKey key = ingest(TestKeys.publicJwk(TestKeys.edDsa("Ed448").getPublic(), "ed")).keys().keys().get(0);

        assertThat(key.curve()).isEqualTo("Ed448");
        assertThat(key.algorithms()).containsExactly("EdDSA");
    }

    @Test
    void acceptsEdDsaAlgOnAnOkpKey() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("alg", "EdDSA");

        assertThat(ingest(jwk).keys().keyIds()).containsExactly("ed");
    }

    @Test
    void refusesEcdsaAlgOnAnOkpKey() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("alg", "ES256");

        assertThat(refusal(jwk)).isEqualTo("alg ES256 needs an EC P-256 key; this is an OKP Ed25519 key");
    }

    @Test
    void refusesKeyAgreementCurveX25519() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("crv", "X25519");

        assertThat(refusal(jwk)).isEqualTo("OKP curve X25519 is for key agreement, not signatures");
    }

    @Test
    void refusesUnknownOkpCurve() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("crv", "Ed1174");

        assertThat(refusal(jwk)).isEqualTo("OKP curve 'Ed1174' is not supported (Ed25519 or Ed448)");
    }

    @Test
    void refusesEd25519KeyOfWrongLength() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("x", TestKeys.b64(new byte[31]));

        assertThat(refusal(jwk)).isEqualTo("OKP member 'x' has 31 bytes; Ed25519 needs exactly 32");
    }

    @Test
    void refusesEd25519KeyLabelledEd448() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("crv", "Ed448");

        assertThat(refusal(jwk)).isEqualTo("OKP member 'x' has 32 bytes; Ed448 needs exactly 57");
    }
}
