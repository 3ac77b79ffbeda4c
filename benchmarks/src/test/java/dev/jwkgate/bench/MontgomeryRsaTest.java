package dev.jwkgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import javax.crypto.Cipher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The candidate RSA engines of {@link RsaEngines} against the JDK ({@code BigInteger.modPow} and the JCA's raw
 * {@code RSA/ECB/NoPadding}): the same recovered bytes for valid signatures, every one-bit flip of one, random
 * values, 0, 1, n − 1 and values with leading zero bytes, and a refusal of n and n + 1 — on random keys of 2048,
 * 3072 and 4096 bits, for every engine.
 */
class MontgomeryRsaTest {

    private static final BigInteger E = BigInteger.valueOf(65_537);

    @ParameterizedTest
    @ValueSource(ints = {2048, 3072, 4096})
    void wideLimbsRecoverWhatTheJdkRecovers(int bits) throws Exception {
        assertThat(disagreements(bits, MontgomeryRsa.WideLimbs::new)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 3072, 4096})
    void narrowLimbsRecoverWhatTheJdkRecovers(int bits) throws Exception {
        assertThat(disagreements(bits, MontgomeryRsa.NarrowLimbs::new)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 3072, 4096})
    void alignedNarrowLimbsRecoverWhatTheJdkRecovers(int bits) throws Exception {
        assertThat(disagreements(bits, MontgomeryRsa.AlignedNarrowLimbs::new)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 4096})
    void everyEngineRefusesTheModulusAndTheModulusPlusOne(int bits) throws Exception {
        RSAPublicKey key = (RSAPublicKey) keyPair(bits, 1).getPublic();
        BigInteger n = key.getModulus();
        byte[] out = new byte[(bits + 7) / 8];
        for (MontgomeryRsa engine : new MontgomeryRsa[] {new MontgomeryRsa.WideLimbs(n), new MontgomeryRsa.NarrowLimbs(n),
                new MontgomeryRsa.AlignedNarrowLimbs(n)}) {
            assertThat(engine.publicOperation(encode(n, out.length), out)).isFalse();
            assertThat(engine.publicOperation(encode(n.add(BigInteger.ONE), out.length), out)).isFalse();
            byte[] ones = new byte[out.length];
            java.util.Arrays.fill(ones, (byte) 0xff);
            assertThat(engine.publicOperation(ones, out)).isFalse();
        }
    }

    private static List<String> disagreements(int bits, Function<BigInteger, MontgomeryRsa> engines) throws Exception {
        KeyPair pair = keyPair(bits, bits);
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        BigInteger n = key.getModulus();
        int length = (bits + 7) / 8;
        MontgomeryRsa engine = engines.apply(n);
        Cipher jca = Cipher.getInstance("RSA/ECB/NoPadding");
        jca.init(Cipher.DECRYPT_MODE, key);
        Random random = new Random(bits);

        List<byte[]> inputs = new ArrayList<>();
        byte[] valid = sign(pair, "header.payload".getBytes());
        inputs.add(valid);
        for (int bit = 0; bit < length * 8; bit++) {
            byte[] flipped = valid.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            if (new BigInteger(1, flipped).compareTo(n) < 0) { // a flip of a leading bit can reach n or more
                inputs.add(flipped);
            }
        }
        for (BigInteger value : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                n.subtract(BigInteger.ONE), n.subtract(BigInteger.TWO)}) {
            inputs.add(encode(value, length));
        }
        for (int zeros = 1; zeros <= 3; zeros++) { // leading zero bytes
            inputs.add(encode(new BigInteger(8 * (length - zeros), random), length));
        }
        for (int i = 0; i < 64; i++) {
            inputs.add(encode(new BigInteger(bits, random).mod(n), length));
        }

        List<String> wrong = new ArrayList<>();
        byte[] out = new byte[length];
        for (int i = 0; i < inputs.size(); i++) {
            byte[] s = inputs.get(i);
            byte[] expected = encode(new BigInteger(1, s).modPow(E, n), length);
            byte[] fromJca = encode(new BigInteger(1, jca.doFinal(s)), length);
            boolean accepted = engine.publicOperation(s, out);
            if (!accepted || !java.util.Arrays.equals(out, expected) || !java.util.Arrays.equals(fromJca, expected)) {
                wrong.add("input " + i + (accepted ? " recovered other bytes" : " refused"));
            }
        }
        assertThat(inputs).hasSizeGreaterThan(length * 8 - 16);
        return wrong;
    }

    private static KeyPair keyPair(int bits, long seed) throws GeneralSecurityException {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(bits, E), random);
        return generator.generateKeyPair();
    }

    private static byte[] sign(KeyPair pair, byte[] message) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    /** Unsigned big-endian in exactly {@code length} bytes. */
    private static byte[] encode(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copied = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copied, out, length - copied, copied);
        return out;
    }
}
