package dev.jwkgate.jws.engine;

import java.security.Key;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.NamedParameterSpec;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A trusted Ed25519 public key with its curve point decoded once, when the key enters a key set, so that each
 * signature check skips the point decompression (a square root modulo p) a check from the encoded key repeats.
 *
 * <p>Ed25519 signatures are checked with BouncyCastle's RFC 8032 code instead of the JDK's {@code Ed25519}
 * {@code Signature}, about 7× less CPU per token on JDK 17 (README, "Dependencies, and why"). In every
 * other respect this is the JDK key it wraps (parameters, point, X.509 encoding, equality), so the JCA,
 * jose4j and the thumbprint code treat it as that key.
 */
public final class Ed25519PublicKey extends PreparedPublicKey<EdECPublicKey> implements EdECPublicKey {

    private static final long serialVersionUID = 1L;

    /** The point, or null when it has a small-order component (see {@link #hasPrimeOrder()}). */
    private final transient Ed25519.PublicPoint primeOrderPoint;

    private Ed25519PublicKey(EdECPublicKey jdkKey) {
        super(jdkKey, "Ed25519 public key");
        BaseTables.build();
        byte[] encoded = rfc8032Encoding(jdkKey.getPoint());
        // BouncyCastle's full validation: canonical, on the curve, not of small order, and [L]A = 0
        this.primeOrderPoint = encoded == null ? null : Ed25519.validatePublicKeyFullExport(encoded, 0);
    }

    /** The key a trusted key keeps: an Ed25519 key prepared for fast checks, any other key as it is. */
    public static Key prepare(Key key) {
        if (key instanceof EdECPublicKey && !(key instanceof Ed25519PublicKey)
                && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(((EdECPublicKey) key).getParams().getName())) {
            return new Ed25519PublicKey((EdECPublicKey) key);
        }
        return key;
    }

    /**
     * Whether the point lies in the prime-order subgroup, as every honestly generated key does. Only such keys
     * are checked by BouncyCastle: a small-order component in the key is one of the two ways its cofactored
     * equation and the JDK's cofactorless one can disagree (ingestion refuses keys of small order outright),
     * so any other key is checked by the JDK, as before.
     */
    public boolean hasPrimeOrder() {
        return primeOrderPoint != null;
    }

    /**
     * RFC 8032 §5.1.7 verification of a 64-byte signature over the first {@code length} bytes of {@code data}
     * (S must be below the group order L, R must be canonically encoded).
     *
     * @throws IllegalStateException when the key is not of prime order ({@link #hasPrimeOrder()})
     */
    public boolean verifies(byte[] data, int length, byte[] signature) {
        if (primeOrderPoint == null) {
            throw new IllegalStateException("this Ed25519 key has a small-order component; check it with the JDK");
        }
        return Ed25519.verify(signature, 0, primeOrderPoint, data, 0, length);
    }

    /**
     * RFC 8032 §5.1.2 encoding: y in 32 little-endian bytes, the parity of x in the top bit; null when y does
     * not fit in 255 bits (no such key passes ingestion; the JDK refuses it).
     */
    static byte[] rfc8032Encoding(EdECPoint point) {
        if (point.getY().signum() < 0 || point.getY().bitLength() > 255) {
            return null;
        }
        byte[] bigEndian = point.getY().toByteArray();
        byte[] encoded = new byte[32];
        for (int i = 0; i < Math.min(bigEndian.length, 32); i++) {
            encoded[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (point.isXOdd()) {
            encoded[31] |= (byte) 0x80;
        }
        return encoded;
    }

    @Override
    public EdECPoint getPoint() {
        return jdkKey.getPoint();
    }

    @Override
    public NamedParameterSpec getParams() {
        return jdkKey.getParams();
    }

    /**
     * BouncyCastle builds its base-point tables on first use: done with the first Ed25519 key a set loads, not
     * on someone's first request, and not at all in a deployment without Ed25519 keys.
     */
    private static final class BaseTables {
        static {
            Ed25519.precompute();
        }

        static void build() {
            // loading this class ran the static initializer
        }
    }

}
