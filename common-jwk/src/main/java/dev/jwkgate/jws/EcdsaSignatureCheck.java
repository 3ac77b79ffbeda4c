package dev.jwkgate.jws;

import dev.jwkgate.jws.engine.EcdsaPublicKey;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * ES256/384/512 with the JWS R‖S encoding. R and S must each be in [1, n-1] before they are checked: that is
 * what refuses psychic signatures (r = s = 0, CVE-2022-21449) whatever the engine, and the exact length stops
 * short or padded encodings.
 *
 * <p>The check is BouncyCastle's ECDSA on the key's once-imported point ({@link EcdsaPublicKey}, the form every
 * trusted P-256, P-384 and P-521 key is kept in), over a SHA-256/384/512 hash taken here. The JDK's own ECDSA is
 * not used: on JDK 17 it refuses some valid P-384 and P-521 signatures (see {@link EcdsaPublicKey}).
 */
final class EcdsaSignatureCheck implements SignatureCheck {

    private final String name;
    private final int length;
    private final ThreadLocal<MessageDigest> digests;

    /**
     * @param name            the JWS algorithm, for messages
     * @param digestAlgorithm the JCA name of its hash ({@code SHA-256}, {@code SHA-384}, {@code SHA-512})
     * @param length          the exact signature length: twice the byte length of the curve order
     */
    EcdsaSignatureCheck(String name, String digestAlgorithm, int length) {
        this.name = name;
        this.length = length;
        this.digests = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(digestAlgorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks " + digestAlgorithm, e);
            }
        });
    }

    @Override
    public boolean verifies(Key key, byte[] data, int signingInputLength, byte[] signature)
            throws TokenRefusedException, GeneralSecurityException {
        if (signature.length != length) {
            throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE,
                    "the " + name + " signature has " + signature.length + " bytes, it needs exactly " + length);
        }
        EcdsaPublicKey ec = prepared(key);
        BigInteger n = ec.order();
        int half = length / 2;
        BigInteger r = new BigInteger(1, signature, 0, half);
        BigInteger s = new BigInteger(1, signature, half, half);
        if (!inRange(r, n) || !inRange(s, n)) {
            throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE,
                    "the " + name + " signature's r or s is outside [1, n-1]");
        }
        MessageDigest digest = digests.get();
        digest.update(data, 0, signingInputLength);
        return ec.verifiesHash(digest.digest(), r, s);
    }

    /**
     * The key as an {@link EcdsaPublicKey}: a trusted key already is one; any other P-256/384/521 key is imported
     * now (a caller outside the validator).
     */
    private EcdsaPublicKey prepared(Key key) throws InvalidKeyException {
        Key prepared = EcdsaPublicKey.prepare(key);
        if (!(prepared instanceof EcdsaPublicKey) || (((EcdsaPublicKey) prepared).fieldSize() + 7) / 8 != length / 2) {
            throw new InvalidKeyException(name + " needs a key on its own curve");
        }
        return (EcdsaPublicKey) prepared;
    }

    private static boolean inRange(BigInteger value, BigInteger n) {
        return value.signum() > 0 && value.compareTo(n) < 0;
    }
}
