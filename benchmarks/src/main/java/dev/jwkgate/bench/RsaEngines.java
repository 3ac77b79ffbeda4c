package dev.jwkgate.bench;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Can a Java RSA public operation, its modulus prepared once per key, beat the JDK's? The RSA-2048 (e = 65537)
 * verify of the benchmark RS256 token taken apart: the JCA floor ({@code SHA256withRSA}, a new {@code Signature}
 * per token), the raw operation jwkgate uses today ({@code RSA/ECB/NoPadding}, initialised once per thread),
 * {@code BigInteger.modPow} alone and its parts (the conversion into Montgomery form, which is a long division,
 * and the exponent 3 for the per-squaring cost by difference), SHA-256 of the signing input, and the three Java
 * Montgomery engines of {@link MontgomeryRsa}, two of them also inside a whole RS256 verify (SHA-256, the engine,
 * the exact compare of the PKCS #1 encoding) to set against the floor. Each engine's output is checked against
 * the expected PKCS #1 encoding in the set-up ({@code MontgomeryRsaTest} holds them to the JDK in full).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main RsaEngines
 * -prof dev.jwkgate.bench.CpuTimeProfiler}, on each JDK; or, for ratios that hold on a busy machine,
 * {@code java -cp benchmarks/target/benchmarks.jar dev.jwkgate.bench.RsaEngines ROUNDS BLOCK}: every operation in
 * one thread of one JVM in alternating blocks (as {@link Interleaved} does for whole tokens), printing per
 * operation the median and least worker-thread CPU µs and the medians over rounds of its ratios to modPow and to
 * the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RsaEngines {

    private static final BigInteger E = BigInteger.valueOf(65_537);
    private static final BigInteger THREE = BigInteger.valueOf(3);

    private byte[] message;
    private byte[] signature;
    private RSAPublicKey key;
    private BigInteger modulus;
    private Cipher raw;
    private MontgomeryRsa wide;
    private MontgomeryRsa narrow;
    private MontgomeryRsa aligned;
    private MessageDigest sha256;
    private byte[] out;
    /** The PKCS #1 v1.5 encoding of a SHA-256 DigestInfo up to the digest (RFC 8017 §9.2, note 1). */
    private byte[] encodingPrefix;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Fixture fixture = Fixture.forAlgorithm("RS256");
        message = fixture.signingInput;
        signature = fixture.signature;
        key = (RSAPublicKey) fixture.publicKey;
        modulus = key.getModulus();
        raw = Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.DECRYPT_MODE, key);
        wide = new MontgomeryRsa.WideLimbs(modulus);
        narrow = new MontgomeryRsa.NarrowLimbs(modulus);
        aligned = new MontgomeryRsa.AlignedNarrowLimbs(modulus);
        sha256 = MessageDigest.getInstance("SHA-256");
        out = new byte[signature.length];
        BigInteger expected = new BigInteger(1, signature).modPow(E, modulus);
        for (MontgomeryRsa engine : new MontgomeryRsa[] {wide, narrow, aligned}) {
            if (!engine.publicOperation(signature, out) || !new BigInteger(1, out).equals(expected)) {
                throw new IllegalStateException(engine.getClass().getSimpleName() + " recovered the wrong value");
            }
        }
        byte[] digestInfo = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20};
        encodingPrefix = new byte[signature.length - 32];
        Arrays.fill(encodingPrefix, (byte) 0xff);
        encodingPrefix[0] = 0;
        encodingPrefix[1] = 1;
        encodingPrefix[encodingPrefix.length - digestInfo.length - 1] = 0;
        System.arraycopy(digestInfo, 0, encodingPrefix, encodingPrefix.length - digestInfo.length, digestInfo.length);
        if (!rs256With(aligned) || !rs256With(narrow)) {
            throw new IllegalStateException("the engines refused the benchmark token");
        }
        if (!new BigInteger(1, raw.doFinal(signature)).equals(expected) || !jcaSignature()) {
            throw new IllegalStateException("the JDK disagrees with itself");
        }
    }

    /** The floor: what every library but jwkgate pays per RS256 token, hash included. */
    @Benchmark
    public boolean jcaSignature() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(message);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("the floor refused");
        }
        return true;
    }

    /** jwkgate's raw operation today (RsaPkcs1SignatureCheck): NoPadding, the cipher initialised once per thread. */
    @Benchmark
    public byte[] jcaRawCipher() throws Exception {
        return raw.doFinal(signature);
    }

    @Benchmark
    public BigInteger bigIntegerModPow() {
        return new BigInteger(1, signature).modPow(E, modulus);
    }

    /** What modPow does first for an odd modulus: s·R mod n by a 4096-by-2048-bit division. */
    @Benchmark
    public BigInteger bigIntegerMontgomeryConversion() {
        return new BigInteger(1, signature).shiftLeft(32 * ((modulus.bitLength() + 31) / 32)).mod(modulus);
    }

    /** modPow with e = 3 (1 squaring, 1 multiplication): modPow minus this is 15 of the JDK's squarings. */
    @Benchmark
    public BigInteger bigIntegerModPowExponent3() {
        return new BigInteger(1, signature).modPow(THREE, modulus);
    }

    @Benchmark
    public byte[] sha256OfTheSigningInput() {
        return sha256.digest(message);
    }

    @Benchmark
    public byte[] montgomeryWideLimbs() {
        wide.publicOperation(signature, out);
        return out;
    }

    @Benchmark
    public byte[] montgomeryNarrowLimbs() {
        narrow.publicOperation(signature, out);
        return out;
    }

    @Benchmark
    public byte[] montgomeryAlignedNarrowLimbs() {
        aligned.publicOperation(signature, out);
        return out;
    }

    /**
     * The floor's work with an engine in place of the JCA: SHA-256 of the signing input, the public operation,
     * and the exact compare of the recovered encoding (prefix, then digest) as jwkgate does it.
     */
    private boolean rs256With(MontgomeryRsa engine) {
        byte[] digest = sha256.digest(message);
        int prefix = encodingPrefix.length;
        return engine.publicOperation(signature, out)
                && Arrays.equals(out, 0, prefix, encodingPrefix, 0, prefix)
                && Arrays.equals(out, prefix, out.length, digest, 0, digest.length);
    }

    @Benchmark
    public boolean rs256WithAlignedNarrowLimbs() {
        return rs256With(aligned);
    }

    @Benchmark
    public boolean rs256WithNarrowLimbs() {
        return rs256With(narrow);
    }

    /** The interleaved run: {@code ROUNDS BLOCK}, e.g. {@code 200 200}. */
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int block = Integer.parseInt(args[1]);
        RsaEngines bench = new RsaEngines();
        bench.setUp();
        Map<String, InterleavedCpu.Operation> operations = new LinkedHashMap<>();
        operations.put("JCA floor: SHA256withRSA, new Signature per token", bench::jcaSignature);
        operations.put("JCA raw RSA/ECB/NoPadding, initialised once (jwkgate today)", bench::jcaRawCipher);
        operations.put("BigInteger.modPow(65537)", bench::bigIntegerModPow);
        operations.put("  its Montgomery conversion (s·R mod n, a division)", bench::bigIntegerMontgomeryConversion);
        operations.put("  modPow(3): conversion + 1 squaring + 1 multiplication", bench::bigIntegerModPowExponent3);
        operations.put("SHA-256 of the signing input", bench::sha256OfTheSigningInput);
        operations.put("Java Montgomery, 64-bit words (multiplyHigh)", bench::montgomeryWideLimbs);
        operations.put("Java Montgomery, 28-bit limbs (auto-vectorisable)", bench::montgomeryNarrowLimbs);
        operations.put("Java Montgomery, 28-bit limbs, aligned for JDK 17's vectoriser", bench::montgomeryAlignedNarrowLimbs);
        operations.put("RS256 verify (SHA-256 + engine + encoding compare), 28-bit limbs", bench::rs256WithNarrowLimbs);
        operations.put("RS256 verify (SHA-256 + engine + encoding compare), aligned 28-bit limbs",
                bench::rs256WithAlignedNarrowLimbs);
        String[] names = operations.keySet().toArray(new String[0]);
        InterleavedCpu.Operation[] ops = operations.values().toArray(new InterleavedCpu.Operation[0]);
        int n = ops.length;
        int floor = 0;
        int modPow = 2;
        double[][] cpu = InterleavedCpu.measure(ops, 20, rounds, block);
        System.out.printf("%s, RSA-%d, %d rounds x %d ops, worker-thread CPU%n", Runtime.version(),
                bench.modulus.bitLength(), rounds, block);
        System.out.println("| operation | median CPU µs/op | least CPU µs/op | modPow ÷ this (median of rounds) | IQR "
                + "| floor ÷ this (median of rounds) | IQR |");
        System.out.println("|---|---:|---:|---:|---|---:|---|");
        for (int k = 0; k < n; k++) {
            double[] ratio = new double[rounds];
            double[] toFloor = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = cpu[modPow][r] / cpu[k][r];
                toFloor[r] = cpu[floor][r] / cpu[k][r];
            }
            double[] own = cpu[k].clone();
            Arrays.sort(ratio);
            Arrays.sort(toFloor);
            Arrays.sort(own);
            System.out.printf("| %s | %.2f | %.2f | %.3f | %.3f–%.3f | %.3f | %.3f–%.3f |%n", names[k], own[rounds / 2],
                    own[0], ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4], toFloor[rounds / 2],
                    toFloor[rounds / 4], toFloor[3 * rounds / 4]);
        }
    }
}
