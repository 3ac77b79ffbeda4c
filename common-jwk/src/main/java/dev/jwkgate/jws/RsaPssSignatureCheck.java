package dev.jwkgate.jws;

import dev.jwkgate.result.TokenRefusedException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * PS256/384/512 (RSASSA-PSS): SHA-n for the hash and MGF1, salt length n/8, trailer 1 (RFC 7518 §3.5). The
 * parameters are fixed by the algorithm, never read from the token.
 */
final class RsaPssSignatureCheck implements SignatureCheck {

    private final String name;
    private final KeyedEngine<Signature> engines;

    RsaPssSignatureCheck(String name, int bits) {
        this.name = name;
        String hash = "SHA-" + bits;
        PSSParameterSpec spec = new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), bits / 8, 1);
        this.engines = new KeyedEngine<>(() -> {
            Signature signature = JcaEngines.signature("RSASSA-PSS");
            try {
                signature.setParameter(spec);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSASSA-PSS with " + hash + " is required by every JDK 17", e);
            }
            return signature;
        }, (signature, key) -> signature.initVerify((PublicKey) key));
    }

    @Override
    public boolean verifies(Key key, byte[] data, int signingInputLength, byte[] signature)
            throws TokenRefusedException, GeneralSecurityException {
        RSAPublicKey rsa = (RSAPublicKey) key;
        RsaPkcs1SignatureCheck.checkLength(name, rsa, signature);
        Signature engine = engines.initialisedWith(rsa);
        try {
            engine.update(data, 0, signingInputLength);
            return engine.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            engines.forget();
            throw e;
        }
    }
}
