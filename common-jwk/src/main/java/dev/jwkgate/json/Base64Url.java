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
     * base64url (exactly when {@link #isCanonical} is false). The alphabet is checked by the JDK's URL decoder as it
     * decodes (an intrinsic where the CPU has one): it refuses every byte outside {@code A-Za-z0-9-_} but {@code =},
     * and {@code =} everywhere but as padding in the last one or two places ({@code java.util.Base64.Decoder}), so
     * once the last character is in the alphabet, which the check of its unused bits needs anyway, it takes exactly
     * the base64url texts. Checked first in Java, eight characters at a time, the alphabet took longer than the
     * decoding itself, most of all on Temurin 25 (docs/BENCHMARKS.md, HS256 fourth round); a text with a byte outside
     * the alphabet now costs the decoder's exception, once, when it is refused.
     */
    public static byte[] decodeCanonical(byte[] text, int from, int to) {
        int length = to - from;
        int rest = length % 4;
        if (rest == 1) {
            return null;
        }
        if (length == 0) {
            return new byte[0];
        }
        int last = VALUE[text[to - 1] & 0xff];
        // in the alphabet (so no padding), and canonical: the low bits no output byte uses are zero
        if (last < 0 || (rest != 0 && (last & (rest == 2 ? 0x0f : 0x03)) != 0)) {
            return null;
        }
        try {
            return DECODER.decode(ByteBuffer.wrap(text, from, length)).array();
        } catch (IllegalArgumentException e) {
            return null; // a byte outside the alphabet, or = before the end
        }
    }
}
