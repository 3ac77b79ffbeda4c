package dev.jwkgate.bench;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
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
 * Is there a faster P-256 ECDSA verify than the JDK's, as there was for Ed25519 ({@link Ed25519Engines})?
 * The raw verification of one benchmark ES256 token's signing input by the JDK
 * ({@code SHA256withECDSAinP1363Format}) and by BouncyCastle's lightweight {@code ECDSASigner} on its custom
 * P-256 curve (public point imported once, as a trusted key would keep it). Every method checks the answer.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main P256Engines
 * -prof dev.jwkgate.bench.CpuTimeProfiler}, on each JDK.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class P256Engines {

    private byte[] message;
    private byte[] signature;
    private ECPublicKey jdkKey;
    private ECPublicKeyParameters bcKey;
    private BigInteger r;
    private BigInteger s;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Fixture fixture = Fixture.forAlgorithm("ES256");
        message = fixture.signingInput;
        signature = fixture.signature;
        jdkKey = (ECPublicKey) fixture.publicKey;
        X9ECParameters curve = CustomNamedCurves.getByName("P-256");
        ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        ECPoint point = curve.getCurve().createPoint(jdkKey.getW().getAffineX(), jdkKey.getW().getAffineY());
        bcKey = new ECPublicKeyParameters(point, domain);
        r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        jdk();
        bouncyCastle();
        if (verifyBc(message, r.add(BigInteger.ONE), s)) {
            throw new IllegalStateException("BouncyCastle accepted a tampered signature");
        }
    }

    /** The floor's way: a new {@code Signature} per token, as {@link Contender#FLOOR} does. */
    @Benchmark
    public boolean jdk() throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(jdkKey);
        verifier.update(message);
        return require(verifier.verify(signature));
    }

    @Benchmark
    public boolean bouncyCastle() throws Exception {
        return require(verifyBc(message, new BigInteger(1, Arrays.copyOfRange(signature, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(signature, 32, 64))));
    }

    private boolean verifyBc(byte[] data, BigInteger sigR, BigInteger sigS) throws Exception {
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, bcKey);
        return signer.verifySignature(MessageDigest.getInstance("SHA-256").digest(data), sigR, sigS);
    }

    private static boolean require(boolean verified) {
        if (!verified) {
            throw new IllegalStateException("a valid signature was refused");
        }
        return true;
    }
}
