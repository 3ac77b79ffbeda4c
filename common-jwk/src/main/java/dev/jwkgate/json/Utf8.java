package dev.jwkgate.json;

/** Counts UTF-8 bytes without encoding, so an over-size body is refused without copying it. */
public final class Utf8 {

    private Utf8() {
    }

    /** The UTF-8 length of {@code text}, or some value above {@code limit} once the limit is passed. */
    public static long length(CharSequence text, long limit) {
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= limit; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // a lone surrogate counts 3 too: never less than the encoder writes
            }
        }
        return bytes;
    }
}
