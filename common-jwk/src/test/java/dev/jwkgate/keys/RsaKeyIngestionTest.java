package dev.jwkgate.keys;

import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.support.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RSA strength rules at JWKS ingestion (attack 9 in docs/SECURITY.md). */
class RsaKeyIngestionTest {

    private final RemoteIngestion remote = new RemoteIngestion(262_144);

    private static Map<String, Object> rsa2048() {
        return TestKeys.publicJwk(TestKeys.rsa(2048).getPublic(), "r");
    }

    @Test
    void acceptsRsaKeyOf2048Bits() throws Exception {
        IngestedKeySet result = remote.ingest(rsa2048());

        assertThat(result.refusals()).isEmpty();
        assertThat(result.keys().keys()).singleElement().extracting(TrustedKey::family).isEqualTo(KeyFamily.RSA);
    }

    @Test
    void refusesRsaKeyShorterThan2048Bits() throws Exception {
        Map<String, Object> jwk = TestKeys.publicJwk(TestKeys.rsa(1024).getPublic(), "weak");

        assertThat(remote.refusal(jwk)).isEqualTo("RSA modulus has 1024 bits; at least 2048 are required");
    }

    @Test
    void refusesRsaModulusLongerThan16384Bits() throws Exception {
        Map<String, Object> jwk = rsa2048();
        jwk.put("n", TestKeys.uint(BigInteger.ONE.shiftLeft(16400).add(BigInteger.ONE)));

        assertThat(remote.refusal(jwk)).isEqualTo("RSA modulus has 16401 bits; more than 16384 is refused");
    }

    @Test
    void refusesEvenModulus() throws Exception {
        Map<String, Object> jwk = rsa2048();
        jwk.put("n", TestKeys.uint(TestKeys.big(jwk.get("n")).subtract(BigInteger.ONE)));

        assertThat(remote.refusal(jwk)).isEqualTo("RSA modulus is even");
    }

    @Test
    void refusesExponentOne() throws Exception {
        Map<String, Object> jwk = rsa2048();
        jwk.put("e", TestKeys.uint(BigInteger.ONE));

        assertThat(remote.refusal(jwk)).isEqualTo("RSA exponent must be greater than 1");
    }

    @Test
    void refusesExponentZero() throws Exception {
        Map<String, Object> jwk = rsa2048();
        jwk.put("e", "AA");

        assertThat(remote.refusal(jwk)).isEqualTo("RSA exponent must be greater than 1");
    }

    @Test
    void refusesEvenExponent() throws Exception {
        Map<String, Object> jwk = rsa2048();
        jwk.put("e", TestKeys.uint(BigInteger.valueOf(65_538)));

        assertThat(remote.refusal(jwk)).isEqualTo("RSA exponent is even");
    }

    @Test
    void refusesAKeyWithTheRocaFingerprint() throws Exception {
        Map<String, Object> jwk = rsa2048();
        jwk.put("n", TestKeys.uint(RocaFingerprintTest.rocaTestModulus()));

        assertThat(remote.refusal(jwk)).isEqualTo("RSA modulus has the ROCA fingerprint (CVE-2017-15361): Infineon's "
                + "RSALib made it and its private key can be computed from it; treat the key as compromised and replace it");
    }

    @Test
    void refusesExponentNotSmallerThanModulus() throws Exception {
        Map<String, Object> jwk = rsa2048();
        jwk.put("e", jwk.get("n"));

        assertThat(remote.refusal(jwk)).isEqualTo("RSA exponent is not smaller than the modulus");
    }

    @Test
    void refusesEmptyModulus() throws Exception {
        Map<String, Object> jwk = rsa2048();
        jwk.put("n", "");

        assertThat(remote.refusal(jwk)).isEqualTo("member 'n' is empty");
    }

    @Test
    void acceptsSmallOddExponentAboveOne() throws Exception {
        // e = 3 is weak only with broken padding; RFC 7518 and the JDK allow it, so we do too
        Map<String, Object> jwk = TestKeys.publicJwk(
                TestKeys.fresh("RSA", new java.security.spec.RSAKeyGenParameterSpec(2048, BigInteger.valueOf(3))).getPublic(), "r3");

        assertThat(remote.ingest(jwk).keys().keyIds()).containsExactly("r3");
    }

    @Test
    void modulusPaddedWithALeadingZeroOctetKeepsTheSameThumbprint() throws Exception {
        Map<String, Object> minimal = rsa2048();
        Map<String, Object> padded = rsa2048();
        byte[] n = TestKeys.unb64(padded.get("n"));
        byte[] withZero = new byte[n.length + 1];
        System.arraycopy(n, 0, withZero, 1, n.length);
        padded.put("n", TestKeys.b64(withZero));

        TrustedKey fromPadded = remote.ingest(padded).keys().keys().get(0);

        assertThat(fromPadded.thumbprint()).isEqualTo(remote.ingest(minimal).keys().keys().get(0).thumbprint());
    }
}
