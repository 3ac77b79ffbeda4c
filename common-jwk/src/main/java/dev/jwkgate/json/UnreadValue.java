package dev.jwkgate.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A member value the strict parser has checked but not yet made into a Java object: the claims a validator reads
 * are a few of a payload's dozen, so the String or Long of each other claim (and the String of each name) is made
 * only if someone asks for it. Only what cannot fail to be made once the parser has passed it is left unread: a
 * string of printable ASCII without escapes, whose bytes are its characters, an integer of at most 18
 * characters, which always fits a long, and an array of nothing but these (a payload's {@code roles},
 * {@code groups} or {@code aud}). A span is the offset in the text, shifted left 32 bits, or'ed with the length.
 */
enum UnreadValue {
    /** Printable ASCII, no escapes: the bytes are the characters. */
    PLAIN_STRING,
    /** {@code -?(0|[1-9][0-9]*)}, at most 18 characters with the sign. */
    SHORT_INTEGER,
    /** An array, brackets included, of plain strings and short integers only, checked whole by the parser. */
    PLAIN_ARRAY;

    static long span(int offset, int length) {
        return (long) offset << 32 | length;
    }

    private static int offset(long span) {
        return (int) (span >>> 32);
    }

    private static int length(long span) {
        return (int) span;
    }

    /**
     * {@code values[i]}, made from {@code source} and stored back when it is still unread. Idempotent and safe to
     * race: a thread either finds the marker and makes an equal value from the same unchanging bytes, or finds a
     * String, a Long or an unmodifiable list of these, immutable objects reached only through final fields.
     */
    static Object value(Object[] values, long[] spans, byte[] source, int i) {
        Object value = values[i];
        if (value instanceof UnreadValue) {
            long span = spans[i];
            if (value == PLAIN_STRING) {
                value = plainString(source, span);
            } else if (value == SHORT_INTEGER) {
                value = shortInteger(source, span);
            } else {
                value = plainArray(source, span);
            }
            values[i] = value;
        }
        return value;
    }

    /** {@code names[i]}, made and stored back as {@link #value} does when it is still unread (null). */
    static String name(String[] names, long[] spans, byte[] source, int i) {
        String name = names[i];
        if (name == null) {
            name = plainString(source, spans[i]);
            names[i] = name;
        }
        return name;
    }

    static String plainString(byte[] source, long span) {
        return new String(source, offset(span), length(span), StandardCharsets.ISO_8859_1);
    }

    /** The integer at {@code span}, {@code -?(0|[1-9][0-9]*)} of at most 18 characters. */
    static Long shortInteger(byte[] source, long span) {
        int from = offset(span);
        int to = from + length(span);
        boolean negative = source[from] == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            value = value * 10 + (source[i] - '0');
        }
        return negative ? -value : value;
    }

    /**
     * The array at {@code span}, whose elements the parser found to be plain strings and short integers only, as the
     * eager parser gives it: an unmodifiable random-access list. Its elements are held through final fields only
     * ({@link Arrays#asList} inside {@link Collections#unmodifiableList}), so a thread that finds the list another
     * thread stored sees it whole.
     */
    static List<Object> plainArray(byte[] source, long span) {
        List<Object> elements = new ArrayList<>();
        int i = offset(span) + 1;
        int to = offset(span) + length(span) - 1; // the closing bracket
        while (i < to) {
            int b = source[i];
            if (b == '"') {
                int close = i + 1;
                while (source[close] != '"') {
                    close++;
                }
                elements.add(plainString(source, span(i + 1, close - i - 1)));
                i = close + 1;
            } else if (b == '-' || (b >= '0' && b <= '9')) {
                int end = i + 1;
                while (end < to && source[end] >= '0' && source[end] <= '9') {
                    end++;
                }
                elements.add(shortInteger(source, span(i, end - i)));
                i = end;
            } else {
                i++; // whitespace or a comma
            }
        }
        return Collections.unmodifiableList(Arrays.asList(elements.toArray()));
    }

    /** What {@link String#hashCode} gives for the plain string at {@code span}: its bytes are its chars. */
    static int hash(byte[] source, long span) {
        int h = 0;
        int i = offset(span);
        int to = i + length(span);
        // four characters per step: one multiplication depends on the last step's, not four in a chain
        for (; i <= to - 4; i += 4) {
            h = 31 * 31 * 31 * 31 * h + 31 * 31 * 31 * source[i] + 31 * 31 * source[i + 1] + 31 * source[i + 2]
                    + source[i + 3];
        }
        for (; i < to; i++) {
            h = 31 * h + source[i];
        }
        return h;
    }

    /**
     * Whether member {@code i}'s name is the name given as {@code name}, or, when that is null, as the plain string
     * at {@code span}: compared as text, so a plain {@code "a"} and an escaped {@code "\u0061"} are one name.
     */
    static boolean sameName(String[] names, long[] spans, byte[] source, int i, String name, long span) {
        String known = names[i];
        if (known != null && name != null) {
            return known.equals(name);
        }
        if (known == null && name == null) {
            int from = offset(spans[i]);
            int otherFrom = offset(span);
            return Arrays.equals(source, from, from + length(spans[i]), source, otherFrom, otherFrom + length(span));
        }
        return known == null ? spells(source, spans[i], name) : spells(source, span, known);
    }

    /** Whether the plain string at {@code span} is {@code text}. */
    private static boolean spells(byte[] source, long span, String text) {
        int from = offset(span);
        int length = length(span);
        if (text.length() != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (text.charAt(k) != source[from + k]) {
                return false;
            }
        }
        return true;
    }
}
