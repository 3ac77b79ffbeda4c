package dev.jwkgate.token;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.jws.CompactJws;
import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.jws.SignatureCheck;
import dev.jwkgate.jws.SignatureChecks;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.security.GeneralSecurityException;
import java.util.List;

/** Step 4: checks the signature against the selected keys and names the one that verified it. */
final class SignatureVerifier {

    /** The key that verified the token; refuses BAD_SIGNATURE when none did. */
    TrustedKey verify(CompactJws jws, JwsAlgorithm algorithm, List<TrustedKey> candidates)
            throws TokenRefusedException {
        SignatureCheck check = SignatureChecks.forAlgorithm(algorithm);
        byte[] bytes = jws.bytes();
        int signingInputLength = jws.signingInputLength();
        byte[] signature = jws.signature();
        TokenRefusedException shapeProblem = null;
        for (TrustedKey key : candidates) {
            try {
                if (check.verifies(key.key(), bytes, signingInputLength, signature)) {
                    return key;
                }
            } catch (TokenRefusedException e) {
                shapeProblem = e; // another candidate (a different RSA modulus) may still fit
            } catch (GeneralSecurityException e) {
                // a JCA refusal of the encoding is a bad signature, never an error that could turn into a pass
            }
        }
        if (candidates.size() == 1 && shapeProblem != null) {
            throw shapeProblem;
        }
        String keys;
        if (candidates.size() > 1) {
            keys = "any of the " + candidates.size() + " keys that fit " + algorithm.jwsName();
        } else if (candidates.get(0).keyId() == null) {
            keys = "the one key without kid that fits " + algorithm.jwsName();
        } else {
            keys = "the key with kid " + LogText.quote(candidates.get(0).keyId());
        }
        throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE, "the " + algorithm.jwsName()
                + " signature does not verify with " + keys);
    }
}
