package dev.jwkgate.keys;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.jws.EdwardsCurve;
import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.Set;
import org.jose4j.keys.EdDsaKeyUtil;
import org.jose4j.lang.JoseException;

/** Rules for OKP public keys (RFC 8037): only the EdDSA signature curves, exact lengths, sound points. */
public final class OkpKeyRules {

    private OkpKeyRules() {
    }

    static CheckedPublicKey check(JwkMembers jwk) throws JwkProblem {
        EdwardsCurve curve = requireSignatureCurve(jwk);
        byte[] x = exactLength(jwk, "x", curve);
        try {
            curve.checkPublicKey(x);
        } catch (InvalidKeyException e) {
            throw new JwkProblem(e.getMessage());
        }
        PublicKey key;
        try {
            key = new EdDsaKeyUtil().publicKey(x, curve.crv());
        } catch (JoseException | RuntimeException e) {
            throw new JwkProblem("the JDK does not accept this OKP " + curve.crv() + " key");
        }
        return new CheckedPublicKey(KeyFamily.OKP, curve.crv(), key, Set.of(JwsAlgorithm.EDDSA));
    }

    static EdwardsCurve requireSignatureCurve(JwkMembers jwk) throws JwkProblem {
        String crv = jwk.requiredString("crv");
        if (crv.equals("X25519") || crv.equals("X448")) {
            throw new JwkProblem("OKP curve " + crv + " is for key agreement, not signatures");
        }
        return EdwardsCurve.byCrv(crv).orElseThrow(() -> new JwkProblem(
                "OKP curve " + LogText.quote(crv) + " is not supported (" + EdwardsCurve.names() + ")"));
    }

    /** RFC 8032 §5.1.5 and §5.2.5: keys ({@code x} and {@code d}) are exactly 32 or 57 bytes. */
    public static byte[] exactLength(JwkMembers jwk, String member, EdwardsCurve curve) throws JwkProblem {
        byte[] bytes = jwk.requiredBase64Url(member);
        if (bytes.length != curve.keyBytes()) {
            throw new JwkProblem("OKP member '" + member + "' has " + bytes.length + " bytes; " + curve.crv()
                    + " needs exactly " + curve.keyBytes());
        }
        return bytes;
    }
}
