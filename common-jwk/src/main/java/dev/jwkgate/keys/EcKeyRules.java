package dev.jwkgate.keys;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.jws.EcCurve;
import dev.jwkgate.jws.KeyFamily;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Set;

/**
 * Curve rules for EC public keys: a named NIST curve, full-length coordinates, and a point that is
 * really on that curve. jose4j checks the point only for ECDH, never for JWS keys, and an off-curve
 * point is the invalid-curve attack (attack 8 in docs/SECURITY.md).
 */
public final class EcKeyRules {

    private EcKeyRules() {
    }

    static CheckedPublicKey check(JwkMembers jwk) throws JwkProblem {
        String crv = jwk.requiredString("crv");
        EcCurve curve = EcCurve.byCrv(crv).orElseThrow(() -> new JwkProblem(
                "EC curve " + LogText.quote(crv) + " is not supported (" + EcCurve.names() + ")"));
        BigInteger x = coordinate(jwk, "x", curve);
        BigInteger y = coordinate(jwk, "y", curve);
        if (!curve.contains(x, y)) {
            throw new JwkProblem("EC point (x, y) is not on curve " + curve.crv());
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve.params()));
        } catch (GeneralSecurityException e) {
            throw new JwkProblem("the JDK does not accept this EC " + curve.crv() + " key");
        }
        return new CheckedPublicKey(KeyFamily.EC, curve.crv(), key, Set.of(curve.algorithm()));
    }

    /** RFC 7518 §6.2.1.2: a coordinate is exactly the curve's field length, leading zeros kept. */
    public static BigInteger coordinate(JwkMembers jwk, String member, EcCurve curve) throws JwkProblem {
        byte[] bytes = jwk.requiredBase64Url(member);
        if (bytes.length != curve.coordinateBytes()) {
            throw new JwkProblem("EC member '" + member + "' has " + bytes.length + " bytes; " + curve.crv()
                    + " needs exactly " + curve.coordinateBytes());
        }
        return new BigInteger(1, bytes);
    }
}
