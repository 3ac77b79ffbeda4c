package dev.jwkgate.jws;

import dev.jwkgate.result.TokenRefusedException;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.result.ReasonCode;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An RSA signature must be exactly as long as the modulus and, read as a big-endian number, below it (RFC 8017
 * §5.2.2): refused before the JCA sees it, on the fast leading-byte comparison and on the full one alike.
 */
class RsaSignatureRangeTest {

    private static RSAPublicKey key;
    private static int length;

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        length = (key.getModulus().bitLength() + 7) / 8;
    }

    private static byte[] fixed(BigInteger value) {
        byte[] magnitude = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(magnitude.length, length);
        System.arraycopy(magnitude, magnitude.length - copy, out, length - copy, copy);
        return out;
    }

    private static void check(byte[] signature) throws TokenRefusedException {
        RsaPkcs1SignatureCheck.checkLength("RS256", key, signature);
    }

    @Test
    void refusesASignatureEqualToTheModulus() {
        assertThatThrownBy(() -> check(fixed(key.getModulus()))).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("not below the modulus")
                .extracting(e -> ((TokenRefusedException) e).refusal().reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void refusesASignatureOneAboveTheModulus() {
        assertThatThrownBy(() -> check(fixed(key.getModulus().add(BigInteger.ONE))))
                .hasMessageContaining("not below the modulus");
    }

    @Test
    void refusesASignatureWhoseLeadingByteIsAboveTheModulus() {
        byte[] signature = new byte[length];
        Arrays.fill(signature, (byte) 0xff);
        assertThatThrownBy(() -> check(signature)).hasMessageContaining("not below the modulus");
    }

    @Test
    void acceptsTheLargestValueBelowTheModulus() {
        assertThatCode(() -> check(fixed(key.getModulus().subtract(BigInteger.ONE)))).doesNotThrowAnyException();
    }

    @Test
    void acceptsAValueWhoseLeadingByteIsBelowTheModulus() {
        byte[] signature = fixed(key.getModulus());
        signature[0]--;
        Arrays.fill(signature, 1, length, (byte) 0xff);
        assertThatCode(() -> check(signature)).doesNotThrowAnyException();
    }

    @Test
    void refusesASignatureOfAnotherLength() {
        assertThatThrownBy(() -> check(new byte[length - 1])).hasMessageContaining("needs exactly " + length);
    }
}
