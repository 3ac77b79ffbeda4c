package dev.jwkgate.bench;

import com.google.crypto.tink.subtle.Ed25519Verify;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
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
 * The raw Ed25519 verification of one benchmark token's signing input by each candidate implementation,
 * side by side: the JDK ({@code Signature "Ed25519"}), BouncyCastle's low-level RFC 8032 code (given the
 * encoded key, or a point decoded once per key) and Tink (Nimbus's Ed25519). It chose the engine jwkgate
 * uses for Ed25519; every method also checks the answer, so a broken engine cannot look fast.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main Ed25519Engines
 * -prof dev.jwkgate.bench.CpuTimeProfiler}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class Ed25519Engines {

    private byte[] message;
    private byte[] signature;
    private byte[] encodedKey;
    private EdECPublicKey jdkKey;
    private Ed25519.PublicPoint decodedKey;
    private Ed25519Verify tink;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Fixture fixture = Fixture.forAlgorithm("EdDSA");
        message = fixture.signingInput;
        signature = fixture.signature;
        jdkKey = (EdECPublicKey) fixture.publicKey;
        encodedKey = encode(jdkKey);
        decodedKey = Ed25519.validatePublicKeyPartialExport(encodedKey, 0);
        tink = new Ed25519Verify(encodedKey);
        byte[] tampered = signature.clone();
        tampered[40] ^= 1;
        if (Ed25519.verify(tampered, 0, decodedKey, message, 0, message.length)
                || Ed25519.verify(tampered, 0, encodedKey, 0, message, 0, message.length)) {
            throw new IllegalStateException("BouncyCastle accepted a tampered signature");
        }
        jdk();
        bouncyCastleEncodedKey();
        bouncyCastleDecodedKey();
        tink();
    }

    /** The floor's way: a new {@code Signature} per token, as {@link Contender#FLOOR} does. */
    @Benchmark
    public boolean jdk() throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(jdkKey);
        verifier.update(message);
        return require(verifier.verify(signature));
    }

    @Benchmark
    public boolean bouncyCastleEncodedKey() {
        return require(Ed25519.verify(signature, 0, encodedKey, 0, message, 0, message.length));
    }

    /** The key's point decompressed once, as jwkgate keeps it with each trusted key. */
    @Benchmark
    public boolean bouncyCastleDecodedKey() {
        return require(Ed25519.verify(signature, 0, decodedKey, message, 0, message.length));
    }

    /**
     * Verification plus the check that R lies in the prime-order subgroup ([L]R = 0): what a cofactorless
     * answer (the JDK's) would cost on top of BouncyCastle's cofactored one.
     */
    @Benchmark
    public boolean bouncyCastleDecodedKeyPrimeOrderR() {
        return require(Ed25519.verify(signature, 0, decodedKey, message, 0, message.length)
                && Ed25519.validatePublicKeyFull(signature, 0));
    }

    @Benchmark
    public boolean tink() throws Exception {
        tink.verify(signature, message); // throws when the signature does not verify
        return true;
    }

    private static boolean require(boolean verified) {
        if (!verified) {
            throw new IllegalStateException("a valid signature was refused");
        }
        return true;
    }

    /** RFC 8032 encoding of the JDK key: y little-endian, x's parity in the top bit. */
    static byte[] encode(EdECPublicKey key) {
        byte[] bigEndian = key.getPoint().getY().toByteArray();
        byte[] encoded = new byte[32];
        for (int i = 0; i < bigEndian.length && i < 32; i++) {
            encoded[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            encoded[31] |= (byte) 0x80;
        }
        return encoded;
    }
}
