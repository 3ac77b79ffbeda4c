package dev.jwkgate.keys;

import dev.jwkgate.jws.EcCurve;
import dev.jwkgate.keys.support.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EC curve rules at JWKS ingestion (invalid-curve attack, attack 8 in docs/SECURITY.md). */
class EcKeyIngestionTest {

    private final RemoteIngestion remote = new RemoteIngestion(65_536);

    private static Map<String, Object> p256() {
        return TestKeys.publicJwk(TestKeys.p256().getPublic(), "e");
    }

    private static BigInteger p256Prime() {
        return ((ECFieldFp) ((ECPublicKey) TestKeys.p256().getPublic()).getParams().getCurve().getField()).getP();
    }

    @Test
    void acceptsP256KeyForEs256Only() throws Exception {
        TrustedKey key = remote.ingest(p256()).keys().keys().get(0);

        assertThat(key.curve()).isEqualTo("P-256");
        assertThat(key.algorithms()).containsExactly("ES256");
    }

    @Test
    void acceptsP384KeyForEs384Only() throws Exception {
        TrustedKey key = remote.ingest(TestKeys.publicJwk(TestKeys.ec("secp384r1").getPublic(), "e")).keys().keys().get(0);

        assertThat(key.curve()).isEqualTo("P-384");
        assertThat(key.algorithms()).containsExactly("ES384");
    }

    @Test
    void acceptsP521KeyForEs512Only() throws Exception {
        TrustedKey key = remote.ingest(TestKeys.publicJwk(TestKeys.ec("secp521r1").getPublic(), "e")).keys().keys().get(0);

        assertThat(key.curve()).isEqualTo("P-521");
        assertThat(key.algorithms()).containsExactly("ES512");
    }

    @Test
    void refusesPointNotOnTheCurve() throws Exception {
        Map<String, Object> jwk = p256();
        BigInteger y = TestKeys.big(jwk.get("y"));
        jwk.put("y", TestKeys.b64(TestKeys.fixed(y.add(BigInteger.ONE).mod(p256Prime()), 32)));

        assertThat(remote.refusal(jwk)).isEqualTo("EC point (x, y) is not on curve P-256");
    }

    @Test
    void refusesPointZeroZero() throws Exception {
        Map<String, Object> jwk = p256();
        jwk.put("x", TestKeys.b64(new byte[32]));
        jwk.put("y", TestKeys.b64(new byte[32]));

        assertThat(remote.refusal(jwk)).isEqualTo("EC point (x, y) is not on curve P-256");
    }

    @Test
    void refusesCoordinateShorterThanTheCurve() throws Exception {
        Map<String, Object> jwk = p256();
        byte[] x = TestKeys.unb64(jwk.get("x"));
        jwk.put("x", TestKeys.b64(java.util.Arrays.copyOfRange(x, 1, 32)));

        assertThat(remote.refusal(jwk)).isEqualTo("EC member 'x' has 31 bytes; P-256 needs exactly 32");
    }

    @Test
    void refusesCoordinateLongerThanTheCurve() throws Exception {
        Map<String, Object> jwk = p256();
        jwk.put("y", TestKeys.b64(TestKeys.fixed(TestKeys.big(jwk.get("y")), 33)));

        assertThat(remote.refusal(jwk)).isEqualTo("EC member 'y' has 33 bytes; P-256 needs exactly 32");
    }

    @Test
    void refusesP256PointLabelledP384() throws Exception {
        Map<String, Object> jwk = p256();
        jwk.put("crv", "P-384");

        assertThat(remote.refusal(jwk)).isEqualTo("EC member 'x' has 32 bytes; P-384 needs exactly 48");
    }

    @Test
    void refusesP256PointPaddedToP384Length() throws Exception {
        Map<String, Object> jwk = p256();
        jwk.put("crv", "P-384");
        jwk.put("x", TestKeys.b64(TestKeys.fixed(TestKeys.big(jwk.get("x")), 48)));
        jwk.put("y", TestKeys.b64(TestKeys.fixed(TestKeys.big(jwk.get("y")), 48)));

        assertThat(remote.refusal(jwk)).isEqualTo("EC point (x, y) is not on curve P-384");
    }

    @Test
    void refusesUnsupportedCurve() throws Exception {
        Map<String, Object> jwk = p256();
        jwk.put("crv", "secp256k1");

        assertThat(remote.refusal(jwk)).isEqualTo("EC curve 'secp256k1' is not supported (P-256, P-384 or P-521)");
    }

    @Test
    void refusesMissingCurve() throws Exception {
        Map<String, Object> jwk = p256();
        jwk.remove("crv");

        assertThat(remote.refusal(jwk)).isEqualTo("member 'crv' is missing");
    }

    @Test
    void refusesMissingY() throws Exception {
        Map<String, Object> jwk = p256();
        jwk.remove("y");

        assertThat(remote.refusal(jwk)).isEqualTo("member 'y' is missing");
    }

    @Test
    void curveRefusesCoordinatesNotReducedModP() {
        ECPublicKey key = (ECPublicKey) TestKeys.p256().getPublic();
        BigInteger x = key.getW().getAffineX();
        BigInteger y = key.getW().getAffineY();

        assertThat(EcCurve.P_256.contains(x, y)).isTrue();
        assertThat(EcCurve.P_256.contains(x.add(p256Prime()), y)).isFalse();
        assertThat(EcCurve.P_256.contains(x, y.add(p256Prime()))).isFalse();
    }
}
