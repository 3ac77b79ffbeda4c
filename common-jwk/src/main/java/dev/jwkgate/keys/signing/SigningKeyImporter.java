package dev.jwkgate.keys.signing;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.jws.EcCurve;
import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.CheckedPublicKey;
import dev.jwkgate.keys.JwkJson;
import dev.jwkgate.keys.JwkMembers;
import dev.jwkgate.keys.JwkProblem;
import dev.jwkgate.keys.JwkThumbprint;
import dev.jwkgate.keys.KeyUsageRules;
import dev.jwkgate.keys.PublicKeyRules;
import java.security.PrivateKey;
import java.util.Set;

/**
 * Imports a private JWK as a signing key (for the Keycloak provider): the public half must pass the
 * same strength and curve rules as a JWKS key, the private half must match it, the algorithm must fit,
 * and a sign-and-verify self-test must pass before the key is handed out.
 */
public final class SigningKeyImporter {

    /** A private JWK is a few kilobytes at most; anything far larger is not one. */
    static final int MAX_JWK_CHARS = 65_536;

    private SigningKeyImporter() {
    }

    /**
     * @param jwkJson            a private RSA (n, e, d, and all or none of p, q, dp, dq, qi), EC (P-256, P-384,
     *                           P-521) or OKP (Ed25519, Ed448) JWK
     * @param requestedAlgorithm the JWS algorithm to sign with, or null; it overrides the JWK's {@code alg}
     *                           when it fits the key. Without either, the key's natural algorithm is used
     *                           (RS256, ES256/ES384/ES512 by curve, EdDSA).
     * @throws KeyImportException naming the first problem found
     */
    public static ImportedSigningKey importPrivateJwk(String jwkJson, String requestedAlgorithm)
            throws KeyImportException {
        try {
            return importChecked(jwkJson, requestedAlgorithm);
        } catch (JwkProblem problem) {
            throw new KeyImportException(problem.getMessage());
        }
    }

    private static ImportedSigningKey importChecked(String jwkJson, String requestedAlgorithm) throws JwkProblem {
        if (jwkJson != null && jwkJson.length() > MAX_JWK_CHARS) {
            throw new JwkProblem("private JWK is longer than " + MAX_JWK_CHARS + " characters");
        }
        JwkMembers jwk = new JwkMembers(JwkJson.parseObject(jwkJson, "private JWK"));
        KeyFamily family = PublicKeyRules.family(jwk);
        if (family == KeyFamily.OCT) {
            throw new JwkProblem("kty oct is a shared secret; only RSA, EC and OKP private keys sign here");
        }
        String kid = jwk.optionalString("kid");
        if (kid != null && kid.isEmpty()) {
            throw new JwkProblem("member 'kid' is empty");
        }
        KeyUsageRules.requireSignatureUse(jwk, "sign");
        CheckedPublicKey publicPart = PublicKeyRules.check(jwk, family);
        JwsAlgorithm algorithm = chooseAlgorithm(jwk, publicPart, requestedAlgorithm);
        PrivateKey privateKey = PrivateKeyRules.read(jwk, publicPart);
        SignatureSelfTest.run(algorithm, privateKey, publicPart.key());
        String thumbprint = JwkThumbprint.of(publicPart.key());
        return new ImportedSigningKey(kid != null ? kid : thumbprint, algorithm.jwsName(), family,
                publicPart.curve(), privateKey, publicPart.key(), thumbprint);
    }

    /** The requested algorithm when it fits the key, else the JWK's own {@code alg}, else the natural default. */
    private static JwsAlgorithm chooseAlgorithm(JwkMembers jwk, CheckedPublicKey key, String requested)
            throws JwkProblem {
        // the JWK's own alg must be coherent even when overridden: a key labelled for another curve is suspect
        Set<JwsAlgorithm> allowedByJwk = KeyUsageRules.algorithms(jwk, key);
        if (requested != null && !requested.isBlank()) {
            JwsAlgorithm chosen = JwsAlgorithm.byName(requested).orElseThrow(() -> new JwkProblem(
                    "requested algorithm " + LogText.quote(requested) + " is not a JWS signature algorithm jwkgate supports"));
            KeyUsageRules.requireFits(chosen, key, "requested algorithm");
            return chosen;
        }
        if (jwk.has("alg")) {
            return allowedByJwk.iterator().next();
        }
        switch (key.family()) {
            case RSA:
                return JwsAlgorithm.RS256;
            case EC:
                return EcCurve.byCrv(key.curve()).orElseThrow().algorithm();
            default:
                return JwsAlgorithm.EDDSA;
        }
    }
}
