package dev.jwkgate.token;

import dev.jwkgate.result.ReasonCode;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * RS256..RS512 (PKCS#1 v1.5) and PS256..PS512 (PSS). The JDK verifies v1.5 by re-encoding the DigestInfo and
 * comparing, so variant encodings (missing NULL, BER lengths) fail; PSS parameters are fixed by the algorithm,
 * never read from the token.
 */
final class RsaSignatureCheck implements SignatureCheck {

    private final String name;
    private final ThreadLocal<Signature> engines;

    private RsaSignatureCheck(String name, ThreadLocal<Signature> engines) {
        this.name = name;
        this.engines = engines;
    }

    static RsaSignatureCheck pkcs1(String jwsName, String jcaName) {
        return new RsaSignatureCheck(jwsName, ThreadLocal.withInitial(() -> JcaEngines.signature(jcaName)));
    }

    /** PSS with SHA-{@code bits} for the hash and MGF1, salt length {@code bits / 8}, trailer 1 (RFC 7518 §3.5). */
    static RsaSignatureCheck pss(String jwsName, int bits) {
        String hash = "SHA-" + bits;
        PSSParameterSpec spec = new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), bits / 8, 1);
        return new RsaSignatureCheck(jwsName, ThreadLocal.withInitial(() -> {
            Signature signature = JcaEngines.signature("RSASSA-PSS");
            try {
                signature.setParameter(spec);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSASSA-PSS " + hash + " is required by every JDK 17", e);
            }
            return signature;
        }));
    }

    @Override
    public boolean verifies(Key key, byte[] signingInput, byte[] signature)
            throws TokenRefusedException, GeneralSecurityException {
        RSAPublicKey rsa = (RSAPublicKey) key;
        int modulusBytes = (rsa.getModulus().bitLength() + 7) / 8;
        if (signature.length != modulusBytes) {
            throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE, "the " + name + " signature has "
                    + signature.length + " bytes, the key's modulus needs exactly " + modulusBytes);
        }
        Signature engine = engines.get();
        engine.initVerify(rsa);
        engine.update(signingInput);
        return engine.verify(signature);
    }
}
