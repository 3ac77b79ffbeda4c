package dev.jwkgate.keys.signing;

import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.keys.JwkProblem;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Signs a fixed payload with the private key and verifies it with the public key, through the same
 * JWS machinery tokens will use: proof that the two halves belong together and that the algorithm works.
 */
final class SignatureSelfTest {

    private static final String PAYLOAD = "jwkgate signing key self-test";

    private SignatureSelfTest() {
    }

    static void run(JwsAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) throws JwkProblem {
        AlgorithmConstraints onlyThis = new AlgorithmConstraints(
                AlgorithmConstraints.ConstraintType.PERMIT, algorithm.jwsName());
        String compact;
        try {
            JsonWebSignature signer = new JsonWebSignature();
            signer.setAlgorithmConstraints(onlyThis);
            signer.setAlgorithmHeaderValue(algorithm.jwsName());
            signer.setPayload(PAYLOAD);
            signer.setKey(privateKey);
            compact = signer.getCompactSerialization();
        } catch (JoseException | RuntimeException e) {
            throw new JwkProblem("self-test: signing with " + algorithm.jwsName() + " failed");
        }
        boolean verified;
        try {
            JsonWebSignature verifier = new JsonWebSignature();
            verifier.setAlgorithmConstraints(onlyThis);
            verifier.setCompactSerialization(compact);
            verifier.setKey(publicKey);
            verified = verifier.verifySignature();
        } catch (JoseException | RuntimeException e) {
            verified = false;
        }
        if (!verified) {
            throw new JwkProblem("the private key does not match the public key (" + algorithm.jwsName()
                    + " sign-and-verify self-test failed)");
        }
    }
}
