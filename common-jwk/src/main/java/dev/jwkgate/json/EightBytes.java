package dev.jwkgate.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-class tests on eight bytes of text at once, in one {@code long} ("SIMD within a register"): the hot loops
 * over a token's base64url and its JSON strings ask, per eight characters, whether any of them needs a closer
 * look, instead of branching on every character. A result has the top bit of a byte set where that byte matches.
 */
final class EightBytes {

    /** The top bit of every byte. */
    static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private EightBytes() {
    }

    /** {@code text[at, at + 8)} as one long, the byte at {@code at} lowest. */
    static long at(byte[] text, int at) {
        return (long) WORDS.get(text, at);
    }

    /**
     * The bytes in {@code [low, high]}, for {@code 0 <= low <= high < 0x80}, correct for every byte below 0x80:
     * there {@code byte + 0x80 - low} and {@code byte + 0x7f - high} stay within the byte, and their top bits say
     * {@code byte >= low} and {@code byte > high}. A byte from 0x80 up may carry into the byte above it, so a caller
     * must refuse or look closer at any word with a top bit of its own set ({@code word & HIGH_BITS}).
     */
    static long inRange(long word, int low, int high) {
        return (word + ONES * (0x80 - low)) & ~(word + ONES * (0x7f - high)) & HIGH_BITS;
    }

    /** The bytes equal to {@code c}, below 0x80, under {@link #inRange}'s condition. */
    static long equalTo(long word, int c) {
        return inRange(word, c, c);
    }
}
