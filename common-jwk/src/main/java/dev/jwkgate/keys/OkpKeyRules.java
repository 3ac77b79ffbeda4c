package dev.jwkgate.keys;

import java.security.PublicKey;
import java.util.Map;
import java.util.Set;
import org.jose4j.keys.EdDsaKeyUtil;
import org.jose4j.lang.JoseException;

/** Rules for OKP public keys (RFC 8037): only the EdDSA signature curves, with exact key lengths. */
final class OkpKeyRules {

    /** Public key length per signature curve (RFC 8032 §5.1.5 and §5.2.5). */
    static final Map<String, Integer> KEY_BYTES = Map.of("Ed25519", 32, "Ed448", 57);

    private OkpKeyRules() {
    }

    static CheckedPublicKey check(JwkMembers jwk) throws JwkProblem {
        String crv = requireSignatureCurve(jwk);
        byte[] x = exactLength(jwk, "x", crv);
        PublicKey key;
        try {
            key = new EdDsaKeyUtil().publicKey(x, crv);
        } catch (JoseException | RuntimeException e) {
            throw new JwkProblem("the JDK does not accept this OKP " + crv + " key");
        }
        return new CheckedPublicKey(KeyFamily.OKP, crv, key, Set.of(JwsAlgorithm.EDDSA));
    }

    static String requireSignatureCurve(JwkMembers jwk) throws JwkProblem {
        String crv = jwk.requiredString("crv");
        if (crv.equals("X25519") || crv.equals("X448")) {
            throw new JwkProblem("OKP curve " + crv + " is for key agreement, not signatures");
        }
        if (!KEY_BYTES.containsKey(crv)) {
            throw new JwkProblem("OKP curve " + SafeText.quote(crv) + " is not supported (Ed25519 or Ed448)");
        }
        return crv;
    }

    static byte[] exactLength(JwkMembers jwk, String member, String crv) throws JwkProblem {
        byte[] bytes = jwk.requiredBase64Url(member);
        int expected = KEY_BYTES.get(crv);
        if (bytes.length != expected) {
            throw new JwkProblem("OKP member '" + member + "' has " + bytes.length + " bytes; " + crv
                    + " needs exactly " + expected);
        }
        return bytes;
    }
}
