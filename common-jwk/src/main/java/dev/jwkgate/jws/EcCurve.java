package dev.jwkgate.jws;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Optional;

/**
 * The NIST curves a JWS key may use: the one table of their names, JDK domain parameters (order included) and
 * coordinate lengths. Which ECDSA algorithm each allows (RFC 7518 §3.4) is {@link JwsAlgorithm}'s fact, read
 * from there.
 */
public enum EcCurve {
    P_256("P-256", "secp256r1", 32),
    P_384("P-384", "secp384r1", 48),
    P_521("P-521", "secp521r1", 66);

    private static final EcCurve[] ALL = values();

    private final String crv;
    private final int coordinateBytes;
    private final ECParameterSpec params;

    EcCurve(String crv, String jdkName, int coordinateBytes) {
        this.crv = crv;
        this.coordinateBytes = coordinateBytes;
        this.params = jdkParameters(jdkName);
    }

    /** The curve of a JWK {@code crv} or {@link JwsAlgorithm#curve()}; empty for any other name, null included. */
    public static Optional<EcCurve> byCrv(String crv) {
        for (EcCurve curve : ALL) {
            if (curve.crv.equals(crv)) {
                return Optional.of(curve);
            }
        }
        return Optional.empty();
    }

    /** "P-256, P-384 or P-521": the curves, for messages. */
    public static String names() {
        return P_256.crv + ", " + P_384.crv + " or " + P_521.crv;
    }

    public String crv() {
        return crv;
    }

    /** RFC 7518 §6.2.1.2: {@code x}, {@code y} (and {@code d}) are always exactly this long. */
    public int coordinateBytes() {
        return coordinateBytes;
    }

    /** The one ECDSA algorithm of this curve (RFC 7518 §3.4). */
    public JwsAlgorithm algorithm() {
        for (JwsAlgorithm algorithm : JwsAlgorithm.values()) {
            if (crv.equals(algorithm.curve())) {
                return algorithm;
            }
        }
        throw new IllegalStateException("no ECDSA algorithm for " + crv);
    }

    public ECParameterSpec params() {
        return params;
    }

    /** The order n of the curve's base point: ECDSA's r and s lie in [1, n-1]. */
    public BigInteger order() {
        return params.getOrder();
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
