package dev.jwkgate.jws.engine;

import dev.jwkgate.jws.EcCurve;
import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;
import org.bouncycastle.math.ec.custom.sec.SecP384R1Curve;
import org.bouncycastle.math.ec.custom.sec.SecP521R1Curve;

/**
 * A trusted P-256, P-384 or P-521 public key with its point imported once into BouncyCastle, when the key enters
 * a key set. BouncyCastle keeps the point's precomputed multiples on the point object itself, so every check of
 * this key reuses them.
 *
 * <p>ES256, ES384 and ES512 signatures are checked with BouncyCastle's lightweight ECDSA instead of the JDK's
 * {@code SHAnnnwithECDSAinP1363Format}: for P-256 about 10× less CPU per token on JDK 17 ({@code P256Engines} in
 * the benchmarks), and on every curve the right answer on JDK 17, whose ECDSA refuses the valid signatures whose
 * k·G has an x-coordinate of n or more (x is reduced modulo n to give r; Wycheproof's "k*G has a large
 * x-coordinate" and "x = n + r is the smallest possible x with a reduction" vectors; Temurin 25 accepts them).
 * In every other respect this is the JDK key it wraps (parameters, point, X.509 encoding, equality), so the JCA,
 * jose4j and the thumbprint code treat it as that key.
 */
public final class EcdsaPublicKey extends PreparedPublicKey<ECPublicKey> implements ECPublicKey {

    private static final long serialVersionUID = 1L;

    private final transient ECPublicKeyParameters parameters;

    private EcdsaPublicKey(ECPublicKey jdkKey, ECDomainParameters domain) {
        super(jdkKey, "P-" + domain.getCurve().getFieldSize() + " public key");
        ECPoint w = jdkKey.getW();
        // validatePoint: on the curve, not infinity (ingestion already refused any other key)
        this.parameters = new ECPublicKeyParameters(domain.getCurve().validatePoint(w.getAffineX(), w.getAffineY()),
                domain);
    }

    /** The key a trusted key keeps: a P-256, P-384 or P-521 key prepared for fast checks, any other key as it is. */
    public static Key prepare(Key key) {
        if (key instanceof ECPublicKey && !(key instanceof EcdsaPublicKey)) {
            ECDomainParameters domain = Domains.of(((ECPublicKey) key).getParams());
            if (domain != null) {
                return new EcdsaPublicKey((ECPublicKey) key, domain);
            }
        }
        return key;
    }

    /** The group order n. */
    public BigInteger order() {
        return parameters.getParameters().getN();
    }

    /** The curve's field size in bits: 256, 384 or 521. */
    public int fieldSize() {
        return parameters.getParameters().getCurve().getFieldSize();
    }

    /**
     * ECDSA verification of (r, s) over a hash (SEC 1 §4.1.4; a hash longer than n is cut to its leftmost bits).
     * The caller has checked that r and s are in [1, n-1] (BouncyCastle refuses them outside that range too).
     */
    public boolean verifiesHash(byte[] hash, BigInteger r, BigInteger s) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, parameters);
        return signer.verifySignature(hash, r, s);
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
     * The BouncyCastle domain of each NIST curve: its specialised curve class (not the named-curve tables, which
     * would load every curve BouncyCastle knows) with the generator and order of the one curve table
     * ({@link EcCurve}); each is built with the first key on its curve.
     */
    private static final class Domains {

        /** The domain whose curve, generator, order and cofactor are exactly {@code spec}'s, or null. */
        static ECDomainParameters of(ECParameterSpec spec) {
            switch (spec.getCurve().getField().getFieldSize()) {
                case 256:
                    return sameDomain(P256.DOMAIN, spec) ? P256.DOMAIN : null;
                case 384:
                    return sameDomain(P384.DOMAIN, spec) ? P384.DOMAIN : null;
                case 521:
                    return sameDomain(P521.DOMAIN, spec) ? P521.DOMAIN : null;
                default:
                    return null;
            }
        }

        private static final class P256 {
            static final ECDomainParameters DOMAIN = domain(new SecP256R1Curve(), EcCurve.P_256);
        }

        private static final class P384 {
            static final ECDomainParameters DOMAIN = domain(new SecP384R1Curve(), EcCurve.P_384);
        }

        private static final class P521 {
            static final ECDomainParameters DOMAIN = domain(new SecP521R1Curve(), EcCurve.P_521);
        }

        private static ECDomainParameters domain(ECCurve curve, EcCurve table) {
            ECParameterSpec spec = table.params();
            ECPoint g = spec.getGenerator();
            ECDomainParameters domain = new ECDomainParameters(curve, curve.createPoint(g.getAffineX(), g.getAffineY()),
                    spec.getOrder(), BigInteger.valueOf(spec.getCofactor()));
            if (!sameDomain(domain, spec)) {
                throw new IllegalStateException("BouncyCastle's " + curve.getClass().getSimpleName()
                        + " is not the JDK's " + table.crv());
            }
            return domain;
        }

        private static boolean sameDomain(ECDomainParameters domain, ECParameterSpec spec) {
            EllipticCurve curve = spec.getCurve();
            ECCurve bc = domain.getCurve();
            return curve.getField() instanceof ECFieldFp
                    && ((ECFieldFp) curve.getField()).getP().equals(bc.getField().getCharacteristic())
                    && curve.getA().equals(bc.getA().toBigInteger())
                    && curve.getB().equals(bc.getB().toBigInteger())
                    && spec.getOrder().equals(domain.getN())
                    && BigInteger.valueOf(spec.getCofactor()).equals(domain.getH())
                    && spec.getGenerator().getAffineX().equals(domain.getG().getAffineXCoord().toBigInteger())
                    && spec.getGenerator().getAffineY().equals(domain.getG().getAffineYCoord().toBigInteger());
        }
    }
}
