package dev.jwkgate.json;

/**
 * Strict RFC 7515 §2 base64url: alphabet {@code A-Za-z0-9-_} only, no padding, no whitespace, and
 * canonical trailing bits. Lenient decoders accept several spellings of one signature (malleability)
 * and let {@code +}, {@code /} or {@code =} slip past filters that look at the token text.
 */
public final class Base64Url {

    private static final byte[] VALUE = new byte[256];

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
     * Checks and decodes {@code text[from, to)} in one pass: the decoded bytes, or null when the text is not
     * canonical base64url (exactly when {@link #isCanonical} is false). An alphabet miss shows as a negative
     * quantum, since every value outside the alphabet is -1 and sets the sign bit of whatever it is shifted into.
     */
    public static byte[] decodeCanonical(byte[] text, int from, int to) {
        int length = to - from;
        int whole = length / 4;
        int rest = length % 4;
        if (rest == 1) {
            return null;
        }
        byte[] out = new byte[whole * 3 + (rest == 0 ? 0 : rest - 1)];
        int in = from;
        int o = 0;
        for (int q = 0; q < whole; q++) {
            int bits = VALUE[text[in] & 0xff] << 18 | VALUE[text[in + 1] & 0xff] << 12
                    | VALUE[text[in + 2] & 0xff] << 6 | VALUE[text[in + 3] & 0xff];
            if (bits < 0) {
                return null;
            }
            in += 4;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (rest >= 2) {
            int last = VALUE[text[to - 1] & 0xff];
            int bits = VALUE[text[in] & 0xff] << 18 | VALUE[text[in + 1] & 0xff] << 12
                    | (rest == 3 ? VALUE[text[in + 2] & 0xff] << 6 : 0);
            // canonical: the low bits of the last character that no output byte uses are zero
            if (bits < 0 || last < 0 || (last & (rest == 2 ? 0x0f : 0x03)) != 0) {
                return null;
            }
            out[o++] = (byte) (bits >> 16);
            if (rest == 3) {
                out[o] = (byte) (bits >> 8);
            }
        }
        return out;
    }
}
