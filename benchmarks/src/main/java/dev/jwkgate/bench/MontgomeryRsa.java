package dev.jwkgate.bench;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Candidate replacements for the JDK's RSA public operation with e = 65537, written in Java for {@link RsaEngines}
 * (issue "RSA beyond the JCA floor"): the modulus prepared once (limbs, n' = −n⁻¹ mod 2^k, R^65537 mod n), then
 * 16 Montgomery squarings and 2 Montgomery multiplications per signature, allocation-free (each instance owns
 * its scratch arrays: one instance per thread).
 *
 * <p>No conversion into or out of Montgomery form is needed: squaring s sixteen times in Montgomery arithmetic
 * gives s^65536·R^−65535, a multiplication by s gives s^65537·R^−65536, and one by the precomputed
 * R^65537 mod n gives s^65537 mod n. R = 2^(k·L) exceeds 4n, so intermediate values stay below 2n without
 * conditional subtractions; one comparison at the end brings the result below n.
 *
 * <p>Not constant time: it handles public values only (the signature and the public key).
 */
abstract class MontgomeryRsa {

    /** The radix in bits and the limb count: values are L limbs of k bits, least significant first. */
    final int k;
    final int limbs;
    final long mask;
    final int modulusBytes;
    final long[] n;
    /** −n⁻¹ mod 2^k. */
    final long nPrime;
    /** R^65537 mod n. */
    final long[] rToE;
    private final long[] x;
    private final long[] y;
    private final long[] z;

    MontgomeryRsa(BigInteger modulus, int k) {
        if (!modulus.testBit(0) || modulus.bitLength() < 512) {
            throw new IllegalArgumentException("an odd modulus of 512 bits or more");
        }
        this.k = k;
        this.mask = (1L << k) - 1;
        this.limbs = (modulus.bitLength() + 2 + k - 1) / k; // R = 2^(k·L) ≥ 4n
        this.modulusBytes = (modulus.bitLength() + 7) / 8;
        this.n = toLimbs(modulus);
        long inverse = n[0]; // Newton: each step doubles the correct low bits (1 → 64)
        for (int i = 0; i < 6; i++) {
            inverse *= 2 - n[0] * inverse;
        }
        this.nPrime = -inverse & mask;
        this.rToE = toLimbs(BigInteger.ONE.shiftLeft(k * limbs).modPow(BigInteger.valueOf(65_537), modulus));
        this.x = new long[scratchLength()];
        this.y = new long[scratchLength()];
        this.z = new long[scratchLength()];
    }

    /** Limb arrays are this long (an engine may want padding beyond {@link #limbs}). */
    int scratchLength() {
        return limbs;
    }

    /** out = a·b/R mod n, below 2n, in limbs of k bits; out is neither a nor b. */
    abstract void multiply(long[] a, long[] b, long[] out);

    /** out = a²/R mod n, below 2n; out is not a. */
    void square(long[] a, long[] out) {
        multiply(a, a, out);
    }

    /**
     * s^65537 mod n written big-endian into {@code out} (the modulus length), for {@code signature} of the modulus
     * length and below n. Returns false, writing nothing, when it is not below n.
     */
    final boolean publicOperation(byte[] signature, byte[] out) {
        if (signature.length != modulusBytes || out.length != modulusBytes) {
            throw new IllegalArgumentException("signature and output must have the modulus length");
        }
        readLimbs(signature, x);
        if (!below(x, n)) {
            return false;
        }
        square(x, y);
        for (int i = 1; i < 16; i += 2) {
            square(y, z);
            if (i < 15) {
                square(z, y);
            }
        }
        multiply(z, x, y);   // s^65537 / R^65536
        multiply(y, rToE, z); // s^65537 mod n, below 2n
        if (!below(z, n)) {
            subtract(z, n);
        }
        writeLimbs(z, out);
        return true;
    }

    private boolean below(long[] a, long[] b) {
        for (int i = limbs - 1; i >= 0; i--) {
            if (a[i] != b[i]) {
                return a[i] < b[i];
            }
        }
        return false;
    }

    private void subtract(long[] a, long[] b) {
        long borrow = 0;
        for (int i = 0; i < limbs; i++) {
            long d = a[i] - b[i] - borrow;
            a[i] = d & mask;
            borrow = d >>> 63;
        }
    }

    private long[] toLimbs(BigInteger value) {
        long[] out = new long[scratchLength()];
        for (int i = 0; i < limbs; i++) {
            out[i] = value.shiftRight(k * i).longValue() & mask;
        }
        return out;
    }

    private void readLimbs(byte[] bigEndian, long[] out) {
        Arrays.fill(out, 0L);
        long acc = 0;
        int bits = 0;
        int limb = 0;
        for (int i = bigEndian.length - 1; i >= 0; i--) {
            acc |= (long) (bigEndian[i] & 0xff) << bits;
            bits += 8;
            if (bits >= k) {
                out[limb++] = acc & mask;
                acc >>>= k;
                bits -= k;
            }
        }
        if (limb < limbs) {
            out[limb] = acc;
        }
    }

    private void writeLimbs(long[] value, byte[] out) {
        long acc = 0;
        int bits = 0;
        int limb = 0;
        for (int i = modulusBytes - 1; i >= 0; i--) {
            if (bits < 8) {
                acc |= (limb < limbs ? value[limb++] : 0) << bits;
                bits += k;
            }
            out[i] = (byte) acc;
            acc >>>= 8;
            bits -= 8;
        }
    }

    /**
     * 64-bit words: limbs of k ≤ 56 bits multiplied with {@code a·b} and {@code Math.multiplyHigh} (exact for
     * operands below 2^63, so no unsigned correction), the 2k-bit products split at k and summed column by column
     * in two accumulators without carry detection (product scanning, Montgomery reduction interleaved); squaring
     * computes each cross product once.
     */
    static final class WideLimbs extends MontgomeryRsa {

        private final long[] m;

        WideLimbs(BigInteger modulus) {
            super(modulus, radix(modulus.bitLength()));
            this.m = new long[limbs];
        }

        /** The largest k ≤ 56 whose column sums (at most 4·L terms below 2^k after carries) stay below 2^64. */
        private static int radix(int bits) {
            for (int k = 56; ; k--) {
                int limbs = (bits + 2 + k - 1) / k;
                if (64 - Long.numberOfLeadingZeros(4L * limbs) + k <= 64) {
                    return k;
                }
            }
        }

        @Override
        void multiply(long[] a, long[] b, long[] out) {
            final int size = limbs;
            final int bits = k;
            final int shift = 64 - bits;
            final long lowMask = mask;
            long lo = 0;
            long hi = 0;
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < i; j++) {
                    long p = a[j] * b[i - j];
                    long q = Math.multiplyHigh(a[j], b[i - j]);
                    lo += p & lowMask;
                    hi += q << shift | p >>> bits;
                    p = m[j] * n[i - j];
                    q = Math.multiplyHigh(m[j], n[i - j]);
                    lo += p & lowMask;
                    hi += q << shift | p >>> bits;
                }
                long p = a[i] * b[0];
                long q = Math.multiplyHigh(a[i], b[0]);
                lo += p & lowMask;
                hi += q << shift | p >>> bits;
                long mi = (lo & lowMask) * nPrime & lowMask;
                m[i] = mi;
                p = mi * n[0];
                q = Math.multiplyHigh(mi, n[0]);
                lo += p & lowMask;
                hi += q << shift | p >>> bits;
                lo = (lo >>> bits) + hi; // the column's low k bits are zero now
                hi = 0;
            }
            for (int i = size; i < 2 * size - 1; i++) {
                for (int j = i - size + 1; j < size; j++) {
                    long p = a[j] * b[i - j];
                    long q = Math.multiplyHigh(a[j], b[i - j]);
                    lo += p & lowMask;
                    hi += q << shift | p >>> bits;
                    p = m[j] * n[i - j];
                    q = Math.multiplyHigh(m[j], n[i - j]);
                    lo += p & lowMask;
                    hi += q << shift | p >>> bits;
                }
                out[i - size] = lo & lowMask;
                lo = (lo >>> bits) + hi;
                hi = 0;
            }
            out[size - 1] = lo;
        }

        @Override
        void square(long[] a, long[] out) {
            final int size = limbs;
            final int bits = k;
            final int shift = 64 - bits;
            final long lowMask = mask;
            long lo = 0;
            long hi = 0;
            for (int i = 0; i < 2 * size - 1; i++) {
                long crossLo = 0;
                long crossHi = 0;
                int first = Math.max(0, i - size + 1);
                for (int j = first, end = (i + 1) / 2; j < end; j++) {
                    long p = a[j] * a[i - j];
                    long q = Math.multiplyHigh(a[j], a[i - j]);
                    crossLo += p & lowMask;
                    crossHi += q << shift | p >>> bits;
                }
                lo += 2 * crossLo;
                hi += 2 * crossHi;
                if ((i & 1) == 0) {
                    long half = a[i >> 1];
                    long p = half * half;
                    long q = Math.multiplyHigh(half, half);
                    lo += p & lowMask;
                    hi += q << shift | p >>> bits;
                }
                for (int j = first, end = Math.min(i, size); j < end; j++) {
                    if (i - j < size) {
                        long p = m[j] * n[i - j];
                        long q = Math.multiplyHigh(m[j], n[i - j]);
                        lo += p & lowMask;
                        hi += q << shift | p >>> bits;
                    }
                }
                if (i < size) {
                    long mi = (lo & lowMask) * nPrime & lowMask;
                    m[i] = mi;
                    long p = mi * n[0];
                    long q = Math.multiplyHigh(mi, n[0]);
                    lo += p & lowMask;
                    hi += q << shift | p >>> bits;
                } else {
                    out[i - size] = lo & lowMask;
                }
                lo = (lo >>> bits) + hi;
                hi = 0;
            }
            out[size - 1] = lo;
        }
    }

    /**
     * Narrow limbs: k ≤ 28 bits, so one 64-bit multiply holds a product and columns add up without carries
     * (operand scanning, the running sum shifted down one limb per step). The inner loop is a plain
     * {@code t[j−1] = t[j] + a_i·b[j] + m·n[j]} over long arrays, which C2's auto-vectoriser can turn into
     * vector multiplies (it does on Temurin 25, not on JDK 17).
     */
    static final class NarrowLimbs extends MontgomeryRsa {

        private final long[] t;

        NarrowLimbs(BigInteger modulus) {
            super(modulus, radix(modulus.bitLength()));
            this.t = new long[limbs];
        }

        /** The largest k ≤ 28 whose column sums (2·L products below 2^2k, plus a carry) stay below 2^64. */
        static int radix(int bits) {
            for (int k = 28; ; k--) {
                int limbs = (bits + 2 + k - 1) / k;
                if (64 - Long.numberOfLeadingZeros(2L * limbs) + 2 * k <= 64) { // read unsigned
                    return k;
                }
            }
        }

        @Override
        void multiply(long[] a, long[] b, long[] out) {
            final int size = limbs;
            final int bits = k;
            final long lowMask = mask;
            final long[] acc = t;
            Arrays.fill(acc, 0L);
            for (int i = 0; i < size; i++) {
                long ai = a[i];
                long u = acc[0] + ai * b[0];
                long mi = (u & lowMask) * nPrime & lowMask;
                long carry = (u + mi * n[0]) >>> bits;
                for (int j = 1; j < size; j++) {
                    acc[j - 1] = acc[j] + ai * b[j] + mi * n[j];
                }
                acc[size - 1] = 0;
                acc[0] += carry;
            }
            long carry = 0;
            for (int j = 0; j < size; j++) {
                long v = acc[j] + carry;
                out[j] = v & lowMask;
                carry = v >>> bits;
            }
        }
    }

    /**
     * {@link NarrowLimbs} laid out for JDK 17's auto-vectoriser, which packs a loop only when every array in it is
     * read and written at the same index (it refused {@code t[j−1] = t[j] + …}): the running sum is shifted down
     * once per eight steps instead of once per step, and the eight shifts in between are taken by the operands —
     * eight copies of n shifted by 0…7 limbs (per key) and of b (per multiplication), so step s of a block reads
     * {@code t[j] + a_i·b_s[j] + m·n_s[j]} for every j of a window eight limbs wider than the value.
     */
    static final class AlignedNarrowLimbs extends MontgomeryRsa {

        private static final int BLOCK = 8;

        private final int width;
        private final long[][] shiftedN;
        private final long[][] shiftedB;
        private final long[] t;

        AlignedNarrowLimbs(BigInteger modulus) {
            super(modulus, NarrowLimbs.radix(modulus.bitLength()));
            this.width = limbs + BLOCK;
            this.shiftedN = new long[BLOCK][width];
            this.shiftedB = new long[BLOCK][width];
            for (int s = 0; s < BLOCK; s++) {
                System.arraycopy(n, 0, shiftedN[s], s, limbs);
            }
            this.t = new long[width + BLOCK];
        }

        @Override
        void multiply(long[] a, long[] b, long[] out) {
            final int size = limbs;
            final int window = width;
            final int bits = k;
            final long lowMask = mask;
            final long[] acc = t;
            for (int s = 0; s < BLOCK; s++) {
                System.arraycopy(b, 0, shiftedB[s], s, size);
            }
            Arrays.fill(acc, 0L);
            final long b0 = b[0];
            for (int block = 0; block < size; block += BLOCK) {
                int steps = Math.min(BLOCK, size - block);
                for (int s = 0; s < steps; s++) {
                    long ai = a[block + s];
                    long mi = ((acc[s] + ai * b0) & lowMask) * nPrime & lowMask;
                    final long[] bs = shiftedB[s];
                    final long[] ns = shiftedN[s];
                    for (int j = 0; j < window; j++) {
                        acc[j] = acc[j] + ai * bs[j] + mi * ns[j];
                    }
                    acc[s + 1] += acc[s] >>> bits; // limb s is a multiple of 2^k now
                }
                System.arraycopy(acc, steps, acc, 0, window);
                Arrays.fill(acc, window, window + steps, 0L);
            }
            long carry = 0;
            for (int j = 0; j < size; j++) {
                long v = acc[j] + carry;
                out[j] = v & lowMask;
                carry = v >>> bits;
            }
        }
    }
}
