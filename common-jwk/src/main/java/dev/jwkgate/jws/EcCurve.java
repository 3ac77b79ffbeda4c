package dev.jwkgate.jws;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The NIST curves a JWS key may use, with their JDK domain parameters and the one ECDSA algorithm
 * each allows (RFC 7518 §3.4).
 */
public enum EcCurve {
    P_256("P-256", "secp256r1", 32, JwsAlgorithm.ES256),
    P_384("P-384", "secp384r1", 48, JwsAlgorithm.ES384),
    P_521("P-521", "secp521r1", 66, JwsAlgorithm.ES512);

    private final String crv;
    private final int coordinateBytes;
    private final JwsAlgorithm algorithm;
    private final ECParameterSpec params;

    EcCurve(String crv, String jdkName, int coordinateBytes, JwsAlgorithm algorithm) {
        this.crv = crv;
        this.coordinateBytes = coordinateBytes;
        this.algorithm = algorithm;
        this.params = jdkParameters(jdkName);
    }

    public static Optional<EcCurve> byCrv(String crv) {
        return Arrays.stream(values()).filter(c -> c.crv.equals(crv)).findFirst();
    }

    public String crv() {
        return crv;
    }

    /** RFC 7518 §6.2.1.2: {@code x}, {@code y} (and {@code d}) are always exactly this long. */
    public int coordinateBytes() {
        return coordinateBytes;
    }

    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    public ECParameterSpec params() {
        return params;
    }

    /**
     * Whether (x, y) is an affine point of this curve: both coordinates reduced mod p and
     * y² = x³ + ax + b (mod p). The point at infinity has no affine form, so it never passes. These
     * curves have cofactor 1, so every point on the curve is in the prime-order group and no
     * subgroup check is needed.
     */
    public boolean contains(BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3)
                .add(params.getCurve().getA().multiply(x))
                .add(params.getCurve().getB())
                .mod(p);
        return left.equals(right);
    }

    /** A field element as RFC 7518 writes it: unsigned big-endian, exactly {@link #coordinateBytes()} long. */
    public byte[] encode(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[coordinateBytes];
        int copy = Math.min(raw.length, coordinateBytes);
        System.arraycopy(raw, raw.length - copy, out, coordinateBytes - copy, copy);
        return out;
    }

    private static ECParameterSpec jdkParameters(String jdkName) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(jdkName));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks curve " + jdkName, e);
        }
    }
}
