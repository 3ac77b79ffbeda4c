package dev.jwkgate.keys;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The ROCA fingerprint (CVE-2017-15361): whether an RSA modulus was made by Infineon's RSALib, whose keys can be
 * factored from the public key alone.
 *
 * <p>RSALib builds every prime as {@code p = k·M + (65537^a mod M)}, M a primorial (Nemec, Sýs, Švenda, Klinec,
 * Matyáš, "The Return of Coppersmith's Attack: Practical Factorization of Widely Used RSA Moduli",
 * ACM CCS 2017). So {@code N = p·q ≡ 65537^(a+b) (mod M)}:
 * N lies in the subgroup that 65537 generates modulo M. The paper's fingerprint tests exactly that for M = the
 * product of the primes 2 … 167, which divides the M of every key size RSALib makes, so one test serves every
 * size. An ordinary modulus passes with probability {@code ord(65537) / φ(M)}, below 2^-150.
 *
 * <p>How: by the Chinese remainder theorem, N is a power of 65537 modulo M exactly when, for every prime p of
 * M, N mod p is a power of 65537 mod p — with exponent {@code a_p}, defined modulo the order {@code o_p} of
 * 65537 mod p — and those exponents agree where their moduli overlap: {@code a_p ≡ a_q (mod gcd(o_p, o_q))}
 * for every pair (the solvability condition of simultaneous congruences). This is the paper's discrete-log
 * test; checking each prime alone (the detector's quicker "moduli" test) also passes moduli crafted to have
 * powers of 65537 with disagreeing exponents, which this test does not.
 */
final class RocaFingerprint {

    /** RSALib's generator. */
    private static final int GENERATOR = 65_537;

    /** The primes 2 … 167, whose product is RSALib's M for 512-bit keys and divides its M for longer ones. */
    private static final int[] PRIMES = {
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101,
        103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
    };

    private static final BigInteger PRIMORIAL;
    /** {@code LOGS[i][r]}: the exponent k < order with 65537^k ≡ r (mod PRIMES[i]), or -1 if there is none. */
    private static final int[][] LOGS = new int[PRIMES.length][];
    /** The multiplicative order of 65537 modulo each prime. */
    private static final int[] ORDERS = new int[PRIMES.length];

    static {
        BigInteger m = BigInteger.ONE;
        for (int i = 0; i < PRIMES.length; i++) {
            int p = PRIMES[i];
            m = m.multiply(BigInteger.valueOf(p));
            int[] logs = new int[p];
            Arrays.fill(logs, -1);
            int g = GENERATOR % p;
            int power = 1;
            int k = 0;
            do {
                logs[power] = k++;
                power = power * g % p;
            } while (power != 1);
            LOGS[i] = logs;
            ORDERS[i] = k;
        }
        PRIMORIAL = m;
    }

    private RocaFingerprint() {
    }

    /** Whether {@code modulus} has the ROCA fingerprint. */
    static boolean matches(BigInteger modulus) {
        // one long division by M, then residues of a number below 2^220
        BigInteger residue = modulus.mod(PRIMORIAL);
        int[] exponents = new int[PRIMES.length];
        for (int i = 0; i < PRIMES.length; i++) {
            int r = residue.mod(BigInteger.valueOf(PRIMES[i])).intValue();
            int log = LOGS[i][r];
            if (log < 0) {
                return false; // not a power of 65537 modulo this prime (r = 0 included)
            }
            exponents[i] = log;
        }
        for (int i = 0; i < PRIMES.length; i++) {
            for (int j = i + 1; j < PRIMES.length; j++) {
                int common = gcd(ORDERS[i], ORDERS[j]);
                if (exponents[i] % common != exponents[j] % common) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
