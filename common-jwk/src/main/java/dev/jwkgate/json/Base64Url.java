package dev.jwkgate.json;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Strict RFC 7515 §2 base64url: alphabet {@code A-Za-z0-9-_} only, no padding, no whitespace, and
 * canonical trailing bits. Lenient decoders accept several spellings of one signature (malleability)
 * and let {@code +}, {@code /} or {@code =} slip past filters that look at the token text.
 */
public final class Base64Url {

    private static final byte[] VALUE = new byte[256];
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final long CASE_BITS = 0x2020202020202020L;

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUE[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {
    }

    /**
     * Whether the ASCII bytes {@code text[from, to)} are canonical base64url: checked without decoding, so the payload can be
     * vetted before the header is accepted. Canonical means re-encoding the decoded bytes gives the input back:
     * the length is not 1 mod 4 and the unused low bits of the last character are zero.
     */
    static boolean isCanonical(byte[] text, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (VALUE[text[i] & 0xff] < 0) {
                return false;
            }
        }
        if (length == 0) {
            return true;
        }
        int last = VALUE[text[to - 1] & 0xff];
        switch (length % 4) {
            case 2:
                return (last & 0x0f) == 0;
            case 3:
                return (last & 0x03) == 0;
            default:
                return true;
        }
    }

    /**
     * Decodes {@code text[from, to)}, which must already have passed {@link #isCanonical}.
     */
    static byte[] decode(byte[] text, int from, int to) {
        byte[] decoded = decodeCanonical(text, from, to);
        if (decoded == null) {
            throw new IllegalArgumentException("not canonical base64url");
        }
        return decoded;
    }

    /**
     * Checks and decodes {@code text[from, to)}: the decoded bytes, or null when the text is not canonical
     * base64url (exactly when {@link #isCanonical} is false). The check runs first, eight characters at a time
     * without branching per character ({@link #nonAlphabetBits}), and the decoding is then the JDK's, which is
     * several times faster than a table loop where the JDK has an intrinsic for it and never throws on text that
     * passed the check.
     */
    public static byte[] decodeCanonical(byte[] text, int from, int to) {
        int length = to - from;
        int rest = length % 4;
        if (rest == 1) {
            return null;
        }
        long bad = 0;
        int i = from;
        for (; i <= to - 8; i += 8) {
            bad |= nonAlphabetBits(EightBytes.at(text, i));
        }
        int any = 0;
        for (; i < to; i++) {
            any |= VALUE[text[i] & 0xff]; // every value outside the alphabet is -1: the sign bit is set
        }
        if (bad != 0 || any < 0) {
            return null;
        }
        // canonical: the low bits of the last character that no output byte uses are zero
        if (rest != 0 && (VALUE[text[to - 1] & 0xff] & (rest == 2 ? 0x0f : 0x03)) != 0) {
            return null;
        }
        return DECODER.decode(ByteBuffer.wrap(text, from, length)).array();
    }

    /**
     * Nonzero exactly when one of the eight bytes of {@code word} is not a base64url character: a byte from 0x80 up
     * by its own top bit, any other by the range tests ({@link EightBytes#inRange}), where folding the case bit maps
     * {@code A-Z} onto {@code a-z} and nothing else there.
     */
    static long nonAlphabetBits(long word) {
        long letters = EightBytes.inRange(word | CASE_BITS, 'a', 'z');
        long alphabet = letters | EightBytes.inRange(word, '0', '9') | EightBytes.equalTo(word, '-')
                | EightBytes.equalTo(word, '_');
        return (word & EightBytes.HIGH_BITS) | (alphabet ^ EightBytes.HIGH_BITS);
    }
}
