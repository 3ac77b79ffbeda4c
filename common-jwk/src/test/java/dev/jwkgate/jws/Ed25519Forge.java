package dev.jwkgate.jws;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * Slow, plain edwards25519 arithmetic (RFC 8032 §5.1) for tests only: it builds the signatures and keys no
 * honest signer makes (small-order and mixed-order points, non-canonical encodings, S ≥ L) so that the fast
 * verifier and the JDK's can be fed exactly the same edge cases. Never used to verify anything.
 */
final class Ed25519Forge {

    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** The order of the base point's subgroup. */
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121_665)
            .multiply(BigInteger.valueOf(121_666).modInverse(P)).mod(P);
    static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);
    static final Point BASE = decode(encode(new BigInteger(
            "46316835694926478169428394003475163141307993866256225615783033603165251855960"), false));

    private Ed25519Forge() {
    }

    /** An affine point (x, y) on −x² + y² = 1 + d·x²·y². */
    record Point(BigInteger x, BigInteger y) {

        Point plus(Point other) {
            BigInteger dxxyy = D.multiply(x).multiply(other.x).multiply(y).multiply(other.y).mod(P);
            BigInteger x3 = x.multiply(other.y).add(y.multiply(other.x))
                    .multiply(BigInteger.ONE.add(dxxyy).modInverse(P)).mod(P);
            BigInteger y3 = y.multiply(other.y).add(x.multiply(other.x))
                    .multiply(BigInteger.ONE.subtract(dxxyy).mod(P).modInverse(P)).mod(P);
            return new Point(x3, y3);
        }

        Point times(BigInteger scalar) {
            Point result = IDENTITY;
            for (int i = scalar.bitLength() - 1; i >= 0; i--) {
                result = result.plus(result);
                if (scalar.testBit(i)) {
                    result = result.plus(this);
                }
            }
            return result;
        }

        /** RFC 8032 §5.1.2: y little-endian, the parity of x in the top bit. */
        byte[] encoded() {
            return encode(y, x.testBit(0));
        }
    }

    /** Any 255-bit y (even one ≥ p, a non-canonical encoding) with the given sign bit. */
    static byte[] encode(BigInteger y, boolean xOdd) {
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = y.shiftRight(8 * i).byteValue();
        }
        if (xOdd) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    /** RFC 8032 §5.1.3 decoding of a canonical encoding; null when it is not a point. */
    static Point decode(byte[] encoded) {
        boolean xOdd = (encoded[31] & 0x80) != 0;
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = encoded[31 - i];
        }
        bigEndian[0] &= 0x7f;
        BigInteger y = new BigInteger(1, bigEndian);
        BigInteger u = y.multiply(y).subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y).multiply(y).add(BigInteger.ONE).mod(P);
        BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
        BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).mod(P).equals(x2)) {
            x = x.multiply(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P)).mod(P);
        }
        if (!x.multiply(x).mod(P).equals(x2) || (x.signum() == 0 && xOdd)) {
            return null;
        }
        return new Point(x.testBit(0) == xOdd ? x : P.subtract(x), y);
    }

    private static final Point TORSION_OF_ORDER_8 = findTorsionOfOrder8();

    /** A point of order exactly 8. */
    static Point torsionOfOrder8() {
        return TORSION_OF_ORDER_8;
    }

    /** [L] times a curve point whose torsion part has order 8. */
    private static Point findTorsionOfOrder8() {
        for (int y = 2; ; y++) {
            Point candidate = decode(encode(BigInteger.valueOf(y), false));
            if (candidate != null) {
                Point torsion = candidate.times(L);
                if (!torsion.times(BigInteger.valueOf(4)).equals(IDENTITY)) {
                    return torsion;
                }
            }
        }
    }

    /** k = SHA-512(R ‖ A ‖ M) mod L, over the encodings exactly as given. */
    static BigInteger challenge(byte[] encodedR, byte[] encodedA, byte[] message) throws Exception {
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        sha512.update(encodedR);
        sha512.update(encodedA);
        byte[] h = sha512.digest(message);
        return littleEndian(h).mod(L);
    }

    /** R ‖ S with S = r + k·a mod L: a valid equation for public key a·B (plus whatever R and A add). */
    static byte[] signature(byte[] encodedR, BigInteger sValue) {
        byte[] signature = new byte[64];
        System.arraycopy(encodedR, 0, signature, 0, 32);
        System.arraycopy(scalar(sValue), 0, signature, 32, 32);
        return signature;
    }

    /** S in 32 little-endian bytes (any value below 2²⁵⁶, even ≥ L). */
    static byte[] scalar(BigInteger value) {
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = value.shiftRight(8 * i).byteValue();
        }
        return out;
    }

    static BigInteger littleEndian(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    /** The JDK's public key for an encoding, as {@code EdDsaKeyUtil} builds it from a JWK's {@code x}. */
    static PublicKey jdkKey(byte[] encodedA) throws Exception {
        boolean xOdd = (encodedA[31] & 0x80) != 0;
        byte[] copy = encodedA.clone();
        copy[31] &= 0x7f;
        return KeyFactory.getInstance("Ed25519").generatePublic(
                new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, littleEndian(copy))));
    }
}
