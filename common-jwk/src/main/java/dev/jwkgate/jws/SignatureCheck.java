package dev.jwkgate.jws;

import dev.jwkgate.result.TokenRefusedException;
import java.security.GeneralSecurityException;
import java.security.Key;

/**
 * Verifies one algorithm family's signatures with the JCA directly, over the exact received signing input.
 * Implementations check the signature's length and range before the JCA sees it and are thread-safe
 * (JCA engines are kept per thread).
 */
public interface SignatureCheck {

    /**
     * @param data               holds the signing input in its first {@code signingInputLength} bytes
     * @return whether the signature verifies
     * @throws TokenRefusedException BAD_SIGNATURE when the signature has the wrong length or range for this key
     */
    boolean verifies(Key key, byte[] data, int signingInputLength, byte[] signature)
            throws TokenRefusedException, GeneralSecurityException;
}
