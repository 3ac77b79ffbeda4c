package dev.jwkgate.jws;

import dev.jwkgate.jws.engine.Ed25519PublicKey;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;

/**
 * EdDSA (RFC 8037): the key's curve fixes the signature length, 64 bytes for Ed25519 and 114 for Ed448.
 * Ed25519 keys of prime order (every honestly generated one) are checked with the point decoded once per key
 * ({@link Ed25519PublicKey}); Ed448, and an Ed25519 key with a small-order component, with the JDK.
 */
final class EdDsaSignatureCheck implements SignatureCheck {

    private final ThreadLocal<Signature> engines = ThreadLocal.withInitial(() -> JcaEngines.signature("EdDSA"));

    @Override
    public boolean verifies(Key key, byte[] data, int signingInputLength, byte[] signature)
            throws TokenRefusedException, GeneralSecurityException {
        EdECPublicKey ed = (EdECPublicKey) key;
        String curve = ed.getParams().getName();
        int length = EdwardsCurve.byCrv(curve).orElse(EdwardsCurve.ED25519).signatureBytes();
        if (signature.length != length) {
            throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE,
                    "the " + curve + " signature has " + signature.length + " bytes, it needs exactly " + length);
        }
        if (ed instanceof Ed25519PublicKey && ((Ed25519PublicKey) ed).hasPrimeOrder()) {
            return ((Ed25519PublicKey) ed).verifies(data, signingInputLength, signature);
        }
        Signature engine = engines.get();
        engine.initVerify(ed);
        engine.update(data, 0, signingInputLength);
        return engine.verify(signature);
    }
}
