package dev.jwkgate.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one UTF-8 check for untrusted bytes (a JWKS or discovery body, a key file, a refused token part) and the
 * UTF-8 length of text, counted without encoding so an over-size body is refused without copying it.
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * The text of {@code bytes} when they are valid UTF-8 (RFC 3629 §4: no overlong forms, no UTF-16 surrogates,
     * nothing above U+10FFFF, no stray or missing continuation bytes), else empty. The JDK's reporting decoder:
     * a replacing one would let two different byte strings read as one text.
     */
    public static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The UTF-8 bytes of {@code text}, or empty when it holds a lone surrogate (which has no UTF-8 form). */
    public static Optional<byte[]> encode(CharSequence text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return Optional.of(bytes);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code bytes} are valid UTF-8, as {@link #decode} decides. */
    public static boolean isValid(byte[] bytes) {
        return decode(bytes).isPresent();
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
