package dev.jwkgate.token;

import dev.jwkgate.result.ReasonCode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;

/**
 * ES256/384/512 with the JWS R‖S encoding. R and S must each be in [1, n-1] before the JCA sees them: that is
 * what refuses psychic signatures (r = s = 0, CVE-2022-21449) even on a JDK that would accept them, and the
 * exact length stops short or padded encodings.
 */
final class EcdsaSignatureCheck implements SignatureCheck {

    private final String name;
    private final int length;
    private final ThreadLocal<Signature> engines;

    EcdsaSignatureCheck(String name, String jcaName, int length) {
        this.name = name;
        this.length = length;
        this.engines = ThreadLocal.withInitial(() -> JcaEngines.signature(jcaName));
    }

    @Override
    public boolean verifies(Key key, byte[] data, int signingInputLength, byte[] signature)
            throws TokenRefusedException, GeneralSecurityException {
        if (signature.length != length) {
            throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE,
                    "the " + name + " signature has " + signature.length + " bytes, it needs exactly " + length);
        }
        ECPublicKey ec = (ECPublicKey) key;
        BigInteger n = ec.getParams().getOrder();
        int half = length / 2;
        if (!inRange(signature, 0, half, n) || !inRange(signature, half, half, n)) {
            throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE,
                    "the " + name + " signature's r or s is outside [1, n-1]");
        }
        Signature engine = engines.get();
        engine.initVerify(ec);
        engine.update(data, 0, signingInputLength);
        return engine.verify(signature);
    }

    private static boolean inRange(byte[] signature, int offset, int length, BigInteger n) {
        BigInteger value = new BigInteger(1, signature, offset, length);
        return value.signum() > 0 && value.compareTo(n) < 0;
    }
}
