package dev.jwkgate.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keys.support.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ROCA fingerprint (CVE-2017-15361) against a modulus Infineon's RSALib made, moduli built the way RSALib
 * builds its primes, ordinary RSA keys, and a modulus crafted to pass a prime-by-prime check but not the
 * discrete-log test.
 */
class RocaFingerprintTest {

    private static final BigInteger GENERATOR = BigInteger.valueOf(65_537);
    /** The product of the primes 2 … 167, computed here independently of the class under test. */
    private static final BigInteger PRIMORIAL = primorial(167);

    @Test
    void detectsTheRsaLibModulusPublishedWithTheRocaDetector() throws IOException {
        BigInteger modulus = rocaTestModulus();

        assertThat(modulus.bitLength()).isEqualTo(2048);
        assertThat(RocaFingerprint.matches(modulus)).isTrue();
    }

    @Test
    void detectsModuliMadeOfPrimesOfRsaLibsForm() {
        Random random = new Random(15_361);
        for (int bits : new int[] {256, 512, 1024}) {
            BigInteger modulus = rsaLibPrime(bits, random).multiply(rsaLibPrime(bits, random));
            assertThat(RocaFingerprint.matches(modulus)).as("%d-bit primes", bits).isTrue();
        }
    }

    @Test
    void findsNoneInTenThousand512BitRsaModuli() {
        // 10,000 moduli p(i)·p(i+1) of 10,001 random 256-bit primes: as a 512-bit RSA key is made, at half the
        // cost of fresh pairs (prime generation is nearly all of this test's time). The fingerprint depends only
        // on the residues of the modulus modulo the primes up to 167, so the key size does not matter.
        Random random = new Random(2017);
        BigInteger previous = BigInteger.probablePrime(256, random);
        int detected = 0;
        for (int i = 0; i < 10_000; i++) {
            BigInteger next = BigInteger.probablePrime(256, random);
            if (RocaFingerprint.matches(previous.multiply(next))) {
                detected++;
            }
            previous = next;
        }
        assertThat(detected).isZero();
    }

    @Test
    void findsNoneInTheJdksRsaKeysOfRealSizes() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        BigInteger[] moduli = {
            ((RSAPublicKey) TestKeys.rsa(2048).getPublic()).getModulus(),
            ((RSAPublicKey) TestKeys.rsa(3072).getPublic()).getModulus(),
            ((RSAPublicKey) generator.generateKeyPair().getPublic()).getModulus(),
        };
        for (BigInteger modulus : moduli) {
            assertThat(RocaFingerprint.matches(modulus)).as("%d bits", modulus.bitLength()).isFalse();
        }
    }

    @Test
    void findsNoneInAModulusWhoseResiduesArePowersOf65537WithDisagreeingExponents() {
        // modulo 3 and 5, 65537 is 2, of order 2 and 4: residue 1 mod 3 says "even exponent", 2 mod 5 says
        // exponent 1 mod 4; every other residue is 1. Each residue alone is a power of 65537, the whole is not.
        BigInteger residue = crt(BigInteger.valueOf(15), BigInteger.valueOf(7)); // 7 ≡ 1 (mod 3), 2 (mod 5)
        BigInteger modulus = residue.add(PRIMORIAL.multiply(new BigInteger(1800, new Random(5))));

        assertThat(eachResidueIsAPowerOf65537(modulus)).isTrue();
        assertThat(RocaFingerprint.matches(modulus)).isFalse();
    }

    @Test
    void findsNoneInAModulusDivisibleByASmallPrime() {
        BigInteger modulus = crt(BigInteger.valueOf(7), BigInteger.ZERO).add(PRIMORIAL.shiftLeft(1800));

        assertThat(modulus.mod(BigInteger.valueOf(7)).signum()).isZero();
        assertThat(RocaFingerprint.matches(modulus)).isFalse();
    }

    // ---- helpers ----

    /** A prime of about {@code bits} bits of RSALib's form k·M + (65537^a mod M), M the product of 2 … 167. */
    private static BigInteger rsaLibPrime(int bits, Random random) {
        while (true) {
            BigInteger k = new BigInteger(bits - PRIMORIAL.bitLength(), random);
            BigInteger a = new BigInteger(64, random);
            BigInteger candidate = k.multiply(PRIMORIAL).add(GENERATOR.modPow(a, PRIMORIAL));
            if (candidate.isProbablePrime(32)) {
                return candidate;
            }
        }
    }

    /**
     * The x in [0, M) with x ≡ {@code value} modulo {@code factors} (a product of primes of M) and x ≡ 1 modulo
     * every other prime of M.
     */
    private static BigInteger crt(BigInteger factors, BigInteger value) {
        BigInteger rest = PRIMORIAL.divide(factors);
        // x = value + factors·t with x ≡ 1 (mod rest)
        BigInteger t = BigInteger.ONE.subtract(value).multiply(factors.modInverse(rest)).mod(rest);
        return value.add(factors.multiply(t)).mod(PRIMORIAL);
    }

    private static boolean eachResidueIsAPowerOf65537(BigInteger modulus) {
        for (int p = 2; p <= 167; p++) {
            BigInteger prime = BigInteger.valueOf(p);
            if (!prime.isProbablePrime(50)) {
                continue;
            }
            BigInteger residue = modulus.mod(prime);
            BigInteger power = BigInteger.ONE;
            boolean found = false;
            for (int k = 0; k < p && !found; k++) {
                found = power.equals(residue);
                power = power.multiply(GENERATOR).mod(prime);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static BigInteger primorial(int maxPrime) {
        BigInteger product = BigInteger.ONE;
        for (int p = 2; p <= maxPrime; p++) {
            if (BigInteger.valueOf(p).isProbablePrime(50)) {
                product = product.multiply(BigInteger.valueOf(p));
            }
        }
        return product;
    }

    /** The ROCA detector's published 2048-bit RSALib modulus (test resource {@code roca/}). */
    static BigInteger rocaTestModulus() throws IOException {
        try (InputStream in = RocaFingerprintTest.class.getResourceAsStream("roca/infineon-rsalib-2048.modulus.txt")) {
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            return new BigInteger(hex.substring(2), 16);
        }
    }
}
