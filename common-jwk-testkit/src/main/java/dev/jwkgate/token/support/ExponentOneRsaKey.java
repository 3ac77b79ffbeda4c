package dev.jwkgate.token.support;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;

/**
 * An RSA public key with e = 1, where the "signature" of any message is its own encoding. The JDK's KeyFactory
 * refuses e &lt; 3, so such a key can only arrive as a foreign implementation like this one.
 */
public record ExponentOneRsaKey(BigInteger getModulus) implements RSAPublicKey {

    @Override
    public BigInteger getPublicExponent() {
        return BigInteger.ONE;
    }

    @Override
    public String getAlgorithm() {
        return "RSA";
    }

    @Override
    public String getFormat() {
        return null;
    }

    @Override
    public byte[] getEncoded() {
        return null;
    }
}
