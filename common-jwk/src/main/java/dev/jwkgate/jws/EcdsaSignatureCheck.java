package dev.jwkgate.jws;

import dev.jwkgate.jws.engine.P256PublicKey;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;

/**
 * ES256/384/512 with the JWS R‖S encoding. R and S must each be in [1, n-1] before the JCA sees them: that is
 * what refuses psychic signatures (r = s = 0, CVE-2022-21449) even on a JDK that would accept them, and the
 * exact length stops short or padded encodings.
 *
 * <p>A P-256 key kept as a {@link P256PublicKey} (every trusted one) is checked with BouncyCastle's ECDSA on
 * its once-imported point, over a SHA-256 hash taken here; P-384 and P-521 with the JDK.
 */
final class EcdsaSignatureCheck implements SignatureCheck {

    private final String name;
    private final int length;
    private final ThreadLocal<Signature> engines;
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

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
        BigInteger r = new BigInteger(1, signature, 0, half);
        BigInteger s = new BigInteger(1, signature, half, half);
        if (!inRange(r, n) || !inRange(s, n)) {
            throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE,
                    "the " + name + " signature's r or s is outside [1, n-1]");
        }
        if (ec instanceof P256PublicKey && length == 64) {
            MessageDigest digest = sha256.get();
            digest.update(data, 0, signingInputLength);
            return ((P256PublicKey) ec).verifiesHash(digest.digest(), r, s);
        }
        Signature engine = engines.get();
        engine.initVerify(ec);
        engine.update(data, 0, signingInputLength);
        return engine.verify(signature);
    }

    private static boolean inRange(BigInteger value, BigInteger n) {
        return value.signum() > 0 && value.compareTo(n) < 0;
    }
}
