package dev.jwkgate.jws;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import javax.crypto.Mac;

/** HS256/384/512: the MAC is exactly the hash length and compared in constant time. */
final class HmacSignatureCheck implements SignatureCheck {

    private final String name;
    private final int length;
    private final ThreadLocal<Mac> engines;

    HmacSignatureCheck(String name, String jcaName, int length) {
        this.name = name;
        this.length = length;
        this.engines = ThreadLocal.withInitial(() -> JcaEngines.mac(jcaName));
    }

    @Override
    public boolean verifies(Key key, byte[] data, int signingInputLength, byte[] signature)
            throws TokenRefusedException, GeneralSecurityException {
        if (signature.length != length) {
            throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE,
                    "the " + name + " MAC has " + signature.length + " bytes, it needs exactly " + length);
        }
        Mac mac = engines.get();
        mac.init(key);
        mac.update(data, 0, signingInputLength);
        return MessageDigest.isEqual(mac.doFinal(), signature);
    }
}
