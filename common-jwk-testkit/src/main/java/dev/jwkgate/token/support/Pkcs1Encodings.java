package dev.jwkgate.token.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** Hand-made EMSA-PKCS1-v1_5 encodings (RFC 8017 §9.2), including variants strict verifiers must refuse. */
public final class Pkcs1Encodings {

    /** The DER DigestInfo prefix of SHA-256 (RFC 8017 §9.2, note 1). */
    public static final byte[] DIGEST_INFO_SHA256 = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
    /** The same without the NULL parameters of the AlgorithmIdentifier. */
    public static final byte[] DIGEST_INFO_SHA256_WITHOUT_NULL = HexFormat.of().parseHex("302f300b06096086480165030402010420");
    /** The same with the outer length in BER long form ({@code 81 31}), which DER forbids. */
    public static final byte[] DIGEST_INFO_SHA256_BER_LENGTH = HexFormat.of().parseHex("308131300d060960864801650304020105000420");

    private Pkcs1Encodings() {
    }

    /** {@code 00 01 ff.. 00 digestInfoPrefix SHA-256(signingInput)}, {@code length} bytes long. */
    public static byte[] encodedMessage(byte[] digestInfoPrefix, String signingInput, int length)
            throws GeneralSecurityException {
        return encodedMessage(digestInfoPrefix, signingInput, length, new byte[0]);
    }

    /** As {@link #encodedMessage(byte[], String, int)}, with {@code trailing} bytes after the digest. */
    public static byte[] encodedMessage(byte[] digestInfoPrefix, String signingInput, int length, byte[] trailing)
            throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(signingInput.getBytes(StandardCharsets.US_ASCII));
        int t = digestInfoPrefix.length + hash.length + trailing.length;
        byte[] em = new byte[length];
        em[0] = 0x00;
        em[1] = 0x01;
        Arrays.fill(em, 2, length - t - 1, (byte) 0xff);
        em[length - t - 1] = 0x00;
        System.arraycopy(digestInfoPrefix, 0, em, length - t, digestInfoPrefix.length);
        System.arraycopy(hash, 0, em, length - t + digestInfoPrefix.length, hash.length);
        System.arraycopy(trailing, 0, em, length - trailing.length, trailing.length);
        return em;
    }
}
