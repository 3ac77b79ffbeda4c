package dev.jwkgate.keys;

import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.support.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OKP (RFC 8037) rules at JWKS ingestion: EdDSA curves only, exact key lengths. */
class OkpKeyIngestionTest {

    private final RemoteIngestion remote = new RemoteIngestion(65_536);

    private static Map<String, Object> ed25519() {
        return TestKeys.publicJwk(TestKeys.edDsa("Ed25519").getPublic(), "ed");
    }

    @Test
    void acceptsEd25519KeyForEdDsa() throws Exception {
        TrustedKey key = remote.ingest(ed25519()).keys().keys().get(0);

        assertThat(key.family()).isEqualTo(KeyFamily.OKP);
        assertThat(key.curve()).isEqualTo("Ed25519");
        assertThat(key.algorithms()).containsExactly("EdDSA");
    }

    @Test
    void acceptsEd448KeyForEdDsa() throws Exception {
        TrustedKey key = remote.ingest(TestKeys.publicJwk(TestKeys.edDsa("Ed448").getPublic(), "ed")).keys().keys().get(0);

        assertThat(key.curve()).isEqualTo("Ed448");
        assertThat(key.algorithms()).containsExactly("EdDSA");
    }

    @Test
    void acceptsEdDsaAlgOnAnOkpKey() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("alg", "EdDSA");

        assertThat(remote.ingest(jwk).keys().keyIds()).containsExactly("ed");
    }

    @Test
    void refusesEcdsaAlgOnAnOkpKey() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("alg", "ES256");

        assertThat(remote.refusal(jwk)).isEqualTo("alg ES256 needs an EC P-256 key; this is an OKP Ed25519 key");
    }

    @Test
    void refusesKeyAgreementCurveX25519() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("crv", "X25519");

        assertThat(remote.refusal(jwk)).isEqualTo("OKP curve X25519 is for key agreement, not signatures");
    }

    @Test
    void refusesUnknownOkpCurve() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("crv", "Ed1174");

        assertThat(remote.refusal(jwk)).isEqualTo("OKP curve 'Ed1174' is not supported (Ed25519 or Ed448)");
    }

    @Test
    void refusesEd25519KeyOfWrongLength() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("x", TestKeys.b64(new byte[31]));

        assertThat(remote.refusal(jwk)).isEqualTo("OKP member 'x' has 31 bytes; Ed25519 needs exactly 32");
    }

    @Test
    void refusesEd25519KeyLabelledEd448() throws Exception {
        Map<String, Object> jwk = ed25519();
        jwk.put("crv", "Ed448");

        assertThat(remote.refusal(jwk)).isEqualTo("OKP member 'x' has 32 bytes; Ed448 needs exactly 57");
    }

    // ---- point checks the JDK does not make ----

    private static final BigInteger P25519 = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    /** RFC 8032 encoding: y little-endian, the sign of x in the top bit of the last byte. */
    private static String encoded(BigInteger y, int length, boolean xOdd) {
        byte[] bigEndian = TestKeys.fixed(y, length);
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = bigEndian[length - 1 - i];
        }
        if (xOdd) {
            out[length - 1] |= (byte) 0x80;
        }
        return TestKeys.b64(out);
    }

    private String refusalOfEd25519(String x) throws KeySetRejectedException {
        Map<String, Object> jwk = ed25519();
        jwk.put("x", x);
        return remote.refusal(jwk);
    }

    @Test
    void refusesEd25519NeutralElement() throws Exception {
        assertThat(refusalOfEd25519(encoded(BigInteger.ONE, 32, false)))
                .isEqualTo("OKP Ed25519 public key is a point of small order");
    }

    @Test
    void refusesEd25519PointOfOrder2() throws Exception {
        assertThat(refusalOfEd25519(encoded(P25519.subtract(BigInteger.ONE), 32, false)))
                .isEqualTo("OKP Ed25519 public key is a point of small order");
    }

    @Test
    void refusesEd25519PointOfOrder4() throws Exception {
        assertThat(refusalOfEd25519(TestKeys.b64(new byte[32])))
                .isEqualTo("OKP Ed25519 public key is a point of small order");
    }

    @Test
    void refusesEd25519PointOfOrder8() throws Exception {
        // from libsodium's blocklist of small-order encodings
        byte[] order8 = java.util.HexFormat.of()
                .parseHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");

        assertThat(refusalOfEd25519(TestKeys.b64(order8)))
                .isEqualTo("OKP Ed25519 public key is a point of small order");
    }

    @Test
    void refusesEd25519KeyThatIsNotACurvePoint() throws Exception {
        assertThat(refusalOfEd25519(encoded(BigInteger.TWO, 32, false)))
                .isEqualTo("OKP Ed25519 public key does not decode to a curve point");
    }

    @Test
    void refusesEd25519KeyWithUnreducedY() throws Exception {
        assertThat(refusalOfEd25519(encoded(P25519.add(BigInteger.TWO), 32, false)))
                .isEqualTo("OKP Ed25519 public key is not canonically encoded (y is not reduced)");
    }

    @Test
    void refusesEd25519KeyWithSignBitSetForXZero() throws Exception {
        assertThat(refusalOfEd25519(encoded(BigInteger.ONE, 32, true)))
                .isEqualTo("OKP Ed25519 public key is not canonically encoded (sign bit set for x = 0)");
    }

    @Test
    void refusesEd448NeutralElement() throws Exception {
        Map<String, Object> jwk = TestKeys.publicJwk(TestKeys.edDsa("Ed448").getPublic(), "ed");
        jwk.put("x", encoded(BigInteger.ONE, 57, false));

        assertThat(remote.refusal(jwk)).isEqualTo("OKP Ed448 public key is a point of small order");
    }

    @Test
    void refusesEd448KeyThatIsNotACurvePoint() throws Exception {
        Map<String, Object> jwk = TestKeys.publicJwk(TestKeys.edDsa("Ed448").getPublic(), "ed");
        jwk.put("x", encoded(BigInteger.TWO, 57, false));

        assertThat(remote.refusal(jwk)).isEqualTo("OKP Ed448 public key does not decode to a curve point");
    }

    @Test
    void acceptsManyGeneratedEd25519AndEd448Keys() throws Exception {
        for (int i = 0; i < 20; i++) {
            for (String curve : new String[] {"Ed25519", "Ed448"}) {
                Map<String, Object> jwk = TestKeys.publicJwk(
                        java.security.KeyPairGenerator.getInstance(curve).generateKeyPair().getPublic(), null);
                assertThat(remote.ingest(jwk).refusals()).as("generated %s key %s", curve, i).isEmpty();
            }
        }
    }
}
