package dev.jwkgate.jws.engine;

import dev.jwkgate.jws.EcCurve;
import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
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

    /** The JDK's P-256 domain: curve (field, a, b), base point, order and cofactor. */
    private static boolean isP256(ECParameterSpec spec) {
        ECParameterSpec p256 = EcCurve.P_256.params();
        return spec.getOrder().equals(p256.getOrder()) && spec.getCofactor() == p256.getCofactor()
                && spec.getCurve().equals(p256.getCurve()) && spec.getGenerator().equals(p256.getGenerator());
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
     * The P-256 domain in BouncyCastle's specialised curve class rather than its named-curve tables, which would
     * load every curve it knows; base point and order from the one curve table. Loaded with the first P-256 key.
     */
    private static final class Domain {
        static final BigInteger N = EcCurve.P_256.order();
        static final ECDomainParameters PARAMETERS;

        static {
            ECCurve curve = new SecP256R1Curve();
            ECPoint g = EcCurve.P_256.params().getGenerator();
            PARAMETERS = new ECDomainParameters(curve, curve.createPoint(g.getAffineX(), g.getAffineY()), N,
                    BigInteger.ONE);
        }
    }
}
