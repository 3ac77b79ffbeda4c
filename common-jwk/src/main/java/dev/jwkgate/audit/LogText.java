package dev.jwkgate.audit;

import java.util.List;
import java.util.Map;

/**
 * The one rule for putting untrusted text (a token's kid, iss, aud or typ; a JWK's kid, kty, crv or alg; a
 * discovery document's issuer; a server's Content-Type) into a log line or an audit attribute: every character
 * a log reader or terminal could take for a line break, a control or a change of text direction is written as
 * a {@code \}{@code uXXXX} escape, and the text is cut so it cannot flood the log.
 *
 * <p>Escaped: C0 controls and DEL, C1 controls (U+0080 to U+009F, among them NEL U+0085, a line break for
 * many log viewers), the line and paragraph separators U+2028 and U+2029, every Unicode format character
 * (category Cf: the bidi controls U+202A to U+202E and U+2066 to U+2069, U+200E, U+200F, U+061C, zero-width
 * characters, the byte-order mark), and surrogates that are not half of a pair. The backslash and the single
 * quote are escaped too, so an escape in the output always comes from this class and a quoted value cannot
 * end its quotes early.
 */
public final class LogText {

    /** How many chars of an untrusted value a log line shows. */
    public static final int MAX_SHOWN = 80;

    private LogText() {
    }

    /** The value in single quotes, escaped and cut at {@link #MAX_SHOWN}; non-strings are shown by JSON type only. */
    public static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        if (!(value instanceof String)) {
            return "a JSON " + jsonType(value);
        }
        String text = (String) value;
        int shown = shownLength(text, MAX_SHOWN);
        return "'" + escaped(text, shown) + "'" + cut(text, shown);
    }

    /** The text escaped and cut at {@link #MAX_SHOWN}, without quotes (an audit attribute); null stays null. */
    public static String escape(String text) {
        return escape(text, MAX_SHOWN);
    }

    /**
     * The text escaped, its first {@code maxShown} chars shown and the cut said with the full length
     * ({@code ...(5000 chars)}); a surrogate pair is never split. Null stays null.
     */
    public static String escape(String text, int maxShown) {
        if (text == null) {
            return null;
        }
        int shown = shownLength(text, maxShown);
        return escaped(text, shown) + cut(text, shown);
    }

    /** At most {@code maxShown}, one less where the cut would split a surrogate pair. */
    private static int shownLength(String text, int maxShown) {
        int shown = Math.min(text.length(), maxShown);
        if (shown > 0 && shown < text.length() && Character.isHighSurrogate(text.charAt(shown - 1))
                && Character.isLowSurrogate(text.charAt(shown))) {
            shown--;
        }
        return shown;
    }

    private static String cut(String text, int shown) {
        return shown < text.length() ? "...(" + text.length() + " chars)" : "";
    }

    /** The first {@code shown} chars of {@code text}, escaped; the text itself when nothing needs escaping. */
    private static String escaped(String text, int shown) {
        StringBuilder out = null;
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            int codePoint = pair ? Character.toCodePoint(c, text.charAt(i + 1)) : c;
            if (!mustEscape(codePoint)) {
                if (out != null) {
                    out.append(c);
                    if (pair) {
                        out.append(text.charAt(i + 1));
                    }
                }
                if (pair) {
                    i++;
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(shown + 16).append(text, 0, i);
            }
            if (c == '\\' || c == '\'') {
                out.append('\\').append(c);
            } else {
                appendEscape(out, c);
                if (pair) {
                    appendEscape(out, text.charAt(++i));
                }
            }
        }
        return out == null ? text.substring(0, shown) : out.toString();
    }

    /** The JSON type name of a parsed value ({@code string}, {@code array}, …), for messages that must not show the value. */
    public static String jsonType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof Map) {
            return "object";
        }
        return value.getClass().getSimpleName();
    }

    /** A lone surrogate reaches here as its own code point, whose type is SURROGATE. */
    private static boolean mustEscape(int codePoint) {
        if (codePoint == '\\' || codePoint == '\'') {
            return true;
        }
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:             // C0, DEL, C1 (U+0085 among them)
            case Character.FORMAT:              // Cf: bidi controls, zero-width characters, BOM, U+061C
            case Character.LINE_SEPARATOR:      // U+2028
            case Character.PARAGRAPH_SEPARATOR: // U+2029
            case Character.SURROGATE:           // half of a pair, alone
                return true;
            default:
                return false;
        }
    }

    private static void appendEscape(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        for (int pad = hex.length(); pad < 4; pad++) {
            out.append('0');
        }
        out.append(hex);
    }
}
