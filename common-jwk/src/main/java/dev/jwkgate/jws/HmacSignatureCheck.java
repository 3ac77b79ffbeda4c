package dev.jwkgate.jws;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * HS256/384/512: the MAC is exactly the hash length and compared in constant time. Each thread keeps its
 * {@code Mac} initialised with the last key ({@link KeyedEngine}): {@code doFinal} leaves it ready for the next
 * message under that key, so a gateway checking token after token pays the key setup (the inner pad hashed,
 * provider checks) once, not per token. The pads derived from the last secret stay in that thread's {@code Mac}
 * until another key replaces them, as the secret itself stays in the key set it came from.
 */
final class HmacSignatureCheck implements SignatureCheck {

    private final String name;
    private final int length;
    private final KeyedEngine<Mac> engines;

    HmacSignatureCheck(String name, String jcaName, int length) {
        this.name = name;
        this.length = length;
        this.engines = new KeyedEngine<>(() -> JcaEngines.mac(jcaName), Mac::init);
    }

    @Override
    public boolean verifies(Key key, byte[] data, int signingInputLength, byte[] signature)
            throws TokenRefusedException, GeneralSecurityException {
        if (signature.length != length) {
            throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE,
                    "the " + name + " MAC has " + signature.length + " bytes, it needs exactly " + length);
        }
        Mac mac = engines.initialisedWith(key);
        try {
            mac.update(data, 0, signingInputLength);
            return MessageDigest.isEqual(mac.doFinal(), signature);
        } catch (RuntimeException e) {
            engines.forget();
            throw e;
        }
    }
}
