import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Does the Vector API make a Java RSA-2048 public operation (e = 65537) faster than the JDK's BigInteger.modPow?
 * A probe, not part of the build (the API is an incubator module): the narrow-limb Montgomery engine of
 * dev.jwkgate.bench.MontgomeryRsa (28-bit limbs, operand scanning) with its inner loop written with LongVector
 * (8 lanes of 64 bits on AVX-512), against modPow, interleaved in one JVM: 200 rounds of short blocks, by
 * worker-thread CPU time.
 *
 * Run: java --add-modules jdk.incubator.vector benchmarks/probes/RsaVectorProbe.java
 */
public class RsaVectorProbe {

    static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    static final int K = 28;
    static final long MASK = (1L << K) - 1;
    static final BigInteger E = BigInteger.valueOf(65_537);

    final int limbs;
    final int padded;
    final long[] n;
    final long nPrime;
    final long[] rToE;
    final long[] t1;
    final long[] t2;

    RsaVectorProbe(BigInteger modulus) {
        limbs = (modulus.bitLength() + 2 + K - 1) / K;
        padded = (limbs + SPECIES.length() - 1) / SPECIES.length() * SPECIES.length();
        n = toLimbs(modulus);
        long inverse = n[0];
        for (int i = 0; i < 6; i++) {
            inverse *= 2 - n[0] * inverse;
        }
        nPrime = -inverse & MASK;
        rToE = toLimbs(BigInteger.ONE.shiftLeft(K * limbs).modPow(E, modulus));
        t1 = new long[padded + SPECIES.length() + 1];
        t2 = new long[padded + SPECIES.length() + 1];
    }

    long[] toLimbs(BigInteger value) {
        long[] out = new long[padded + SPECIES.length() + 1]; // zero beyond the limbs: vector loads read there
        for (int i = 0; i < limbs; i++) {
            out[i] = value.shiftRight(K * i).longValue() & MASK;
        }
        return out;
    }

    BigInteger toBig(long[] value) {
        BigInteger r = BigInteger.ZERO;
        for (int i = limbs - 1; i >= 0; i--) {
            r = r.shiftLeft(K).add(BigInteger.valueOf(value[i]));
        }
        return r;
    }

    /** out = a·b/R mod n (below 2n), normalised. */
    void multiply(long[] a, long[] b, long[] out) {
        Arrays.fill(t1, 0L);
        Arrays.fill(t2, 0L);
        long[] in = t1;
        long[] next = t2;
        for (int i = 0; i < limbs; i++) {
            long ai = a[i];
            long u = in[0] + ai * b[0];
            long m = (u & MASK) * nPrime & MASK;
            long carry = (u + m * n[0]) >>> K;
            LongVector va = LongVector.broadcast(SPECIES, ai);
            LongVector vm = LongVector.broadcast(SPECIES, m);
            for (int j = 0; j < padded; j += SPECIES.length()) {
                LongVector.fromArray(SPECIES, in, j + 1)
                        .add(va.mul(LongVector.fromArray(SPECIES, b, j + 1)))
                        .add(vm.mul(LongVector.fromArray(SPECIES, n, j + 1)))
                        .intoArray(next, j);
            }
            next[0] += carry;
            long[] swap = in;
            in = next;
            next = swap;
        }
        long carry = 0;
        for (int j = 0; j < limbs; j++) {
            long v = in[j] + carry;
            out[j] = v & MASK;
            carry = v >>> K;
        }
    }

    long[] power(long[] x, long[] y, long[] z) {
        multiply(x, x, y);
        for (int i = 1; i < 16; i += 2) {
            multiply(y, y, z);
            if (i < 15) {
                multiply(z, z, y);
            }
        }
        multiply(z, x, y);
        multiply(y, rToE, z);
        return z;
    }

    interface Op {
        void run();
    }

    static volatile Object sink;

    public static void main(String[] args) {
        Random random = new Random(2048);
        BigInteger candidate;
        do { // a 2048-bit RSA modulus
            candidate = BigInteger.probablePrime(1024, random).multiply(BigInteger.probablePrime(1024, random));
        } while (candidate.bitLength() != 2048);
        BigInteger modulus = candidate;
        BigInteger s = new BigInteger(2048, random).mod(modulus); // below n, as a signature must be
        RsaVectorProbe probe = new RsaVectorProbe(modulus);
        long[] x = probe.toLimbs(s);
        long[] y = probe.toLimbs(BigInteger.ZERO);
        long[] z = probe.toLimbs(BigInteger.ZERO);
        if (!probe.toBig(probe.power(x, y, z)).mod(modulus).equals(s.modPow(E, modulus))) {
            throw new IllegalStateException("the vector engine recovered the wrong value");
        }
        System.out.println(Runtime.version() + ", " + SPECIES + ", " + probe.limbs + " limbs of " + K + " bits");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Op[] ops = {() -> sink = s.modPow(E, modulus), () -> sink = probe.power(x, y, z), () -> probe.multiply(x, x, y)};
        String[] names = {"BigInteger.modPow(65537)", "Vector API, 16 squarings + 2 multiplications",
            "Vector API, one Montgomery multiplication"};
        int[] repeats = {100, 100, 1_800};
        int rounds = 200;
        double[][] micros = new double[ops.length][rounds];
        for (int round = -20; round < rounds; round++) { // 20 rounds of warm-up
            for (int step = 0; step < ops.length; step++) {
                int o = (step + Math.max(round, 0)) % ops.length;
                long start = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < repeats[o]; i++) {
                    ops[o].run();
                }
                if (round >= 0) {
                    micros[o][round] = (cpu.getCurrentThreadCpuTime() - start) / 1e3 / repeats[o];
                }
            }
        }
        System.out.println("| operation | median CPU µs/op | least CPU µs/op | modPow ÷ this (median of rounds) |");
        System.out.println("|---|---:|---:|---:|");
        for (int o = 0; o < ops.length; o++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = micros[0][r] / micros[o][r];
            }
            double[] own = micros[o].clone();
            Arrays.sort(own);
            Arrays.sort(ratio);
            System.out.printf("| %s | %.2f | %.2f | %s |%n", names[o], own[rounds / 2], own[0],
                    o == 2 ? "–" : String.format("%.3f", ratio[rounds / 2]));
        }
    }
}
