package dev.jwkgate.jws;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.util.Optional;

/**
 * The EdDSA curves (RFC 8032) and the checks the JDK does not make when it builds an EdDSA public key:
 * the encoding is canonical, it decodes to a curve point, and that point is not of small order. A
 * small-order public key lets one signature verify for many messages, so such a key is never trusted.
 */
public enum EdwardsCurve {
    /** edwards25519: −x² + y² = 1 + d·x²·y² with d = −121665/121666; cofactor 8. */
    ED25519("Ed25519", 32, BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19)), -1, -121_665, 121_666, 3),
    /** edwards448: x² + y² = 1 + d·x²·y² with d = −39081; cofactor 4. */
    ED448("Ed448", 57, BigInteger.TWO.pow(448).subtract(BigInteger.TWO.pow(224)).subtract(BigInteger.ONE), 1, -39_081, 1, 2);

    private static final EdwardsCurve[] ALL = values();

    private final String crv;
    private final int keyBytes;
    private final BigInteger p;
    private final int a;
    private final BigInteger d;
    private final int cofactorDoublings;

    EdwardsCurve(String crv, int keyBytes, BigInteger p, int a, long dNumerator, long dDenominator,
                 int cofactorDoublings) {
        this.crv = crv;
        this.keyBytes = keyBytes;
        this.p = p;
        this.a = a;
        this.d = BigInteger.valueOf(dNumerator).multiply(BigInteger.valueOf(dDenominator).modInverse(p)).mod(p);
        this.cofactorDoublings = cofactorDoublings;
    }

    /** The curve of a JWK {@code crv} or a JDK {@code NamedParameterSpec} name; empty for any other, null included. */
    public static Optional<EdwardsCurve> byCrv(String crv) {
        for (EdwardsCurve curve : ALL) {
            if (curve.crv.equals(crv)) {
                return Optional.of(curve);
            }
        }
        return Optional.empty();
    }

    /** "Ed25519 or Ed448": the curves, for messages. */
    public static String names() {
        return ED25519.crv + " or " + ED448.crv;
    }

    public String crv() {
        return crv;
    }

    /** RFC 8032 §5.1.5 and §5.2.5: a public or private key is exactly this long. */
    public int keyBytes() {
        return keyBytes;
    }

    /** RFC 8032 §5.1.6 and §5.2.6: a signature is the encoded point R and the scalar S, twice the key length. */
    public int signatureBytes() {
        return 2 * keyBytes;
    }

    /** Refuses an encoded public key that is non-canonical, not a point, or a point of small order. */
    public void checkPublicKey(byte[] encoded) throws InvalidKeyException {
        byte[] littleEndian = encoded.clone();
        boolean xOdd = (littleEndian[keyBytes - 1] & 0x80) != 0;
        littleEndian[keyBytes - 1] &= 0x7f;
        byte[] bigEndian = new byte[keyBytes];
        for (int i = 0; i < keyBytes; i++) {
            bigEndian[i] = littleEndian[keyBytes - 1 - i];
        }
        BigInteger y = new BigInteger(1, bigEndian);
        if (y.compareTo(p) >= 0) {
            throw new InvalidKeyException("OKP " + crv + " public key is not canonically encoded (y is not reduced)");
        }
        BigInteger x = recoverX(y, xOdd);
        BigInteger[] point = {x, y};
        // multiplying by the cofactor sends exactly the small-order points to the neutral element (0, 1)
        for (int i = 0; i < cofactorDoublings; i++) {
            point = add(point, point);
        }
        if (point[0].signum() == 0 && point[1].equals(BigInteger.ONE)) {
            throw new InvalidKeyException("OKP " + crv + " public key is a point of small order");
        }
    }

    /** RFC 8032 §5.1.3 / §5.2.3 decoding: x² = (y² − 1) / (d·y² − a). */
    private BigInteger recoverX(BigInteger y, boolean xOdd) throws InvalidKeyException {
        BigInteger y2 = y.multiply(y).mod(p);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(p);
        BigInteger v = d.multiply(y2).subtract(BigInteger.valueOf(a)).mod(p);
        BigInteger x2 = u.multiply(v.modInverse(p)).mod(p);
        if (x2.signum() == 0) {
            if (xOdd) {
                throw new InvalidKeyException("OKP " + crv + " public key is not canonically encoded (sign bit set for x = 0)");
            }
            return BigInteger.ZERO;
        }
        BigInteger x = squareRoot(x2);
        if (x == null) {
            throw new InvalidKeyException("OKP " + crv + " public key does not decode to a curve point");
        }
        return x.testBit(0) == xOdd ? x : p.subtract(x);
    }

    private BigInteger squareRoot(BigInteger n) {
        BigInteger root;
        if (p.testBit(1)) { // p ≡ 3 (mod 4): Ed448
            root = n.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
        } else { // p ≡ 5 (mod 8): Ed25519
            root = n.modPow(p.add(BigInteger.valueOf(3)).shiftRight(3), p);
            if (!root.multiply(root).mod(p).equals(n)) {
                root = root.multiply(BigInteger.TWO.modPow(p.subtract(BigInteger.ONE).shiftRight(2), p)).mod(p);
            }
        }
        return root.multiply(root).mod(p).equals(n) ? root : null;
    }

    /** The complete twisted-Edwards addition law (no exceptional cases on these curves). */
    private BigInteger[] add(BigInteger[] first, BigInteger[] second) {
        BigInteger x1 = first[0];
        BigInteger y1 = first[1];
        BigInteger x2 = second[0];
        BigInteger y2 = second[1];
        BigInteger dxxyy = d.multiply(x1).multiply(x2).multiply(y1).multiply(y2).mod(p);
        BigInteger x3 = x1.multiply(y2).add(y1.multiply(x2))
                .multiply(BigInteger.ONE.add(dxxyy).modInverse(p)).mod(p);
        BigInteger y3 = y1.multiply(y2).subtract(BigInteger.valueOf(a).multiply(x1).multiply(x2))
                .multiply(BigInteger.ONE.subtract(dxxyy).mod(p).modInverse(p)).mod(p);
        return new BigInteger[] {x3, y3};
    }
}
