package dev.jwkgate.jws;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;

/**
 * RS256/384/512 (RSASSA-PKCS1-v1_5), verified strictly: the raw RSA public operation, then a byte-for-byte
 * comparison with the one correct encoding (RFC 8017 §8.2.2: re-encode and compare). The JDK's own
 * {@code SHA256withRSA} also accepts a DigestInfo without the NULL parameter (a second valid signature for
 * every message, Wycheproof "missing NULL"), so it is not used here.
 */
final class RsaPkcs1SignatureCheck implements SignatureCheck {

    private static final KeyedEngine<Cipher> RAW_RSA = new KeyedEngine<>(() -> {
        try {
            return Cipher.getInstance("RSA/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks RSA/ECB/NoPadding", e);
        }
    }, (cipher, key) -> cipher.init(Cipher.DECRYPT_MODE, key));

    private final String name;
    private final byte[] digestInfoPrefix;
    private final ThreadLocal<MessageDigest> digests;

    private RsaPkcs1SignatureCheck(String name, String digestAlgorithm, String digestInfoPrefixHex) {
        this.name = name;
        this.digestInfoPrefix = HexFormat.of().parseHex(digestInfoPrefixHex);
        this.digests = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(digestAlgorithm);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks " + digestAlgorithm, e);
            }
        });
    }

    /** The check for RS256, RS384 or RS512 (RFC 8017 §9.2 note 1 gives the DigestInfo prefixes). */
    static RsaPkcs1SignatureCheck forBits(String name, int bits) {
        switch (bits) {
            case 256:
                return new RsaPkcs1SignatureCheck(name, "SHA-256", "3031300d060960864801650304020105000420");
            case 384:
                return new RsaPkcs1SignatureCheck(name, "SHA-384", "3041300d060960864801650304020205000430");
            case 512:
                return new RsaPkcs1SignatureCheck(name, "SHA-512", "3051300d060960864801650304020305000440");
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** The signature is exactly the modulus length and, read as a number, below the modulus. */
    static void checkLength(String name, RSAPublicKey rsa, byte[] signature) throws TokenRefusedException {
        BigInteger modulus = rsa.getModulus();
        int modulusBytes = (modulus.bitLength() + 7) / 8;
        if (signature.length != modulusBytes) {
            throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE, "the " + name + " signature has "
                    + signature.length + " bytes, the key's modulus needs exactly " + modulusBytes);
        }
        if (!belowModulus(signature, modulus)) {
            throw TokenRefusedException.of(ReasonCode.BAD_SIGNATURE, "the " + name + " signature is not below the modulus");
        }
    }

    /**
     * Compares the leading bytes first: they differ for all but about one signature in 200, and then decide
     * without turning the signature into a BigInteger. A tie is settled by the full comparison.
     */
    private static boolean belowModulus(byte[] signature, BigInteger modulus) {
        int leading = signature[0] & 0xff;
        int modulusLeading = leadingByte(modulus, signature.length);
        if (leading != modulusLeading) {
            return leading < modulusLeading;
        }
        return new BigInteger(1, signature).compareTo(modulus) < 0;
    }

    /** The first byte of {@code modulus} written big-endian in {@code length} bytes, read bit by bit (no copy). */
    private static int leadingByte(BigInteger modulus, int length) {
        int lowestBit = 8 * (length - 1);
        int value = 0;
        for (int bit = 7; bit >= 0; bit--) {
            value = value << 1 | (modulus.testBit(lowestBit + bit) ? 1 : 0);
        }
        return value;
    }

    @Override
    public boolean verifies(Key key, byte[] data, int signingInputLength, byte[] signature)
            throws TokenRefusedException, GeneralSecurityException {
        RSAPublicKey rsa = (RSAPublicKey) key;
        checkLength(name, rsa, signature);
        byte[] recovered;
        try {
            recovered = RAW_RSA.initialisedWith(rsa).doFinal(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            RAW_RSA.forget();
            throw e;
        }
        return MessageDigest.isEqual(expectedEncoding(data, signingInputLength, signature.length),
                leftPad(recovered, signature.length));
    }

    /** EM = 0x00 0x01 FF..FF 0x00 DigestInfo(hash) of exactly the modulus length. */
    private byte[] expectedEncoding(byte[] data, int signingInputLength, int length) {
        MessageDigest digest = digests.get();
        digest.update(data, 0, signingInputLength);
        byte[] hash = digest.digest();
        byte[] em = new byte[length];
        int digestInfoStart = length - digestInfoPrefix.length - hash.length;
        em[1] = 0x01;
        Arrays.fill(em, 2, digestInfoStart - 1, (byte) 0xff);
        System.arraycopy(digestInfoPrefix, 0, em, digestInfoStart, digestInfoPrefix.length);
        System.arraycopy(hash, 0, em, digestInfoStart + digestInfoPrefix.length, hash.length);
        return em;
    }

    private static byte[] leftPad(byte[] value, int length) {
        if (value.length == length) {
            return value;
        }
        byte[] padded = new byte[length];
        System.arraycopy(value, 0, padded, length - Math.min(length, value.length), Math.min(length, value.length));
        return padded;
    }
}
