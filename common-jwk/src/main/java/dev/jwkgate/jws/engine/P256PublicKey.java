package dev.jwkgate.jws.engine;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;

/**
 * A trusted P-256 public key with its point imported once into BouncyCastle, when the key enters a key set.
 * BouncyCastle keeps the point's precomputed multiples on the point object itself, so every check of this key
 * reuses them.
 *
 * <p>ES256 signatures are checked with BouncyCastle's lightweight ECDSA instead of the JDK's
 * {@code SHA256withECDSAinP1363Format}, about 10× less CPU per token on JDK 17 ({@code P256Engines} in the
 * benchmarks). In every other respect this is the JDK key it wraps (parameters, point, X.509 encoding,
 * equality), so the JCA, jose4j and the thumbprint code treat it as that key. P-384 and P-521 stay on the JDK.
 */
public final class P256PublicKey extends PreparedPublicKey<ECPublicKey> implements ECPublicKey {

    private static final long serialVersionUID = 1L;

    private final transient ECPublicKeyParameters parameters;

    private P256PublicKey(ECPublicKey jdkKey) {
        super(jdkKey, "P-256 public key");
        ECPoint w = jdkKey.getW();
        // validatePoint: on the curve, not infinity (ingestion already refused any other key)
        this.parameters = new ECPublicKeyParameters(
                Domain.PARAMETERS.getCurve().validatePoint(w.getAffineX(), w.getAffineY()), Domain.PARAMETERS);
    }

    /** The key a trusted key keeps: a P-256 key prepared for fast checks, any other key as it is. */
    public static Key prepare(Key key) {
        if (key instanceof ECPublicKey && !(key instanceof P256PublicKey) && isP256(((ECPublicKey) key).getParams())) {
            return new P256PublicKey((ECPublicKey) key);
        }
        return key;
    }

    private static boolean isP256(ECParameterSpec spec) {
        EllipticCurve curve = spec.getCurve();
        return spec.getOrder().equals(Domain.N) && spec.getCofactor() == 1
                && curve.getField().getFieldSize() == 256
                && curve.getA().equals(Domain.PARAMETERS.getCurve().getA().toBigInteger())
                && curve.getB().equals(Domain.PARAMETERS.getCurve().getB().toBigInteger())
                && spec.getGenerator().getAffineX().equals(Domain.PARAMETERS.getG().getAffineXCoord().toBigInteger())
                && spec.getGenerator().getAffineY().equals(Domain.PARAMETERS.getG().getAffineYCoord().toBigInteger());
    }

    /** The group order n. */
    public static BigInteger order() {
        return Domain.N;
    }

    /**
     * ECDSA verification of (r, s) over a SHA-256 hash. The caller has checked that r and s are in [1, n-1]
     * (BouncyCastle refuses them outside that range too).
     */
    public boolean verifiesHash(byte[] sha256, BigInteger r, BigInteger s) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, parameters);
        return signer.verifySignature(sha256, r, s);
    }

    @Override
    public ECPoint getW() {
        return jdkKey.getW();
    }

    @Override
    public ECParameterSpec getParams() {
        return jdkKey.getParams();
    }

    /**
     * The P-256 domain (SEC 2 secp256r1), built from BouncyCastle's specialised curve class rather than its
     * named-curve tables, which would load every curve it knows; loaded with the first P-256 key.
     */
    private static final class Domain {
        static final BigInteger N = new BigInteger(
                "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
        static final ECDomainParameters PARAMETERS;

        static {
            ECCurve curve = new SecP256R1Curve();
            org.bouncycastle.math.ec.ECPoint g = curve.createPoint(
                    new BigInteger("6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296", 16),
                    new BigInteger("4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5", 16));
            PARAMETERS = new ECDomainParameters(curve, g, N, BigInteger.ONE);
        }
    }
}
