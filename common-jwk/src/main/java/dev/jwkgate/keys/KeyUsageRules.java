package dev.jwkgate.keys;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.jws.EdwardsCurve;
import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a JWK says it may be used for ({@code use}, {@code key_ops}, {@code alg}) and which JWS algorithms
 * that leaves (attack 18 in docs/SECURITY.md: such hints are binding, not decoration).
 */
public final class KeyUsageRules {

    private KeyUsageRules() {
    }

    /**
     * Refuses a key whose {@code use} is not {@code sig}, or whose {@code key_ops} lacks {@code operation}
     * ("verify" or "sign"). Absent members restrict nothing.
     */
    public static void requireSignatureUse(JwkMembers jwk, String operation) throws JwkProblem {
        String use = jwk.optionalString("use");
        if (use != null && !use.equals("sig")) {
            throw new JwkProblem("use is " + LogText.quote(use) + "; only keys with use 'sig' (or no use) are for signatures");
        }
        List<String> ops = jwk.optionalStringList("key_ops");
        if (ops != null && !ops.contains(operation)) {
            throw new JwkProblem("key_ops does not list '" + operation + "'");
        }
    }

    /**
     * The algorithms the key may be used with: all its kind allows, narrowed to the JWK's own {@code alg}
     * when present. An {@code alg} that is unknown, or that does not fit the key, refuses the key.
     */
    public static Set<JwsAlgorithm> algorithms(JwkMembers jwk, CheckedPublicKey key) throws JwkProblem {
        String declared = jwk.optionalString("alg");
        if (declared == null) {
            return key.algorithms();
        }
        JwsAlgorithm algorithm = JwsAlgorithm.byName(declared).orElseThrow(() -> new JwkProblem(
                "alg " + LogText.quote(declared) + " is not a JWS signature algorithm jwkgate supports"));
        requireFits(algorithm, key, "alg");
        return EnumSet.of(algorithm);
    }

    /** Refuses an algorithm the key cannot serve; {@code source} names where the algorithm came from. */
    public static void requireFits(JwsAlgorithm algorithm, CheckedPublicKey key, String source) throws JwkProblem {
        if (key.algorithms().contains(algorithm)) {
            return;
        }
        if (algorithm.family() == KeyFamily.OCT) {
            // the algorithm-confusion attack: a public key must never become an HMAC secret
            throw new JwkProblem(source + " " + algorithm.jwsName() + " is an HMAC algorithm; an "
                    + key.family().kty() + " key never serves HMAC");
        }
        throw new JwkProblem(source + " " + algorithm.jwsName() + " needs " + needs(algorithm) + "; this is an "
                + key.describe() + " key");
    }

    private static String needs(JwsAlgorithm algorithm) {
        switch (algorithm.family()) {
            case EC:
                return "an EC " + algorithm.curve() + " key";
            case OKP:
                return "an OKP " + EdwardsCurve.names() + " key";
            default:
                return "an " + algorithm.family().kty() + " key";
        }
    }
}
