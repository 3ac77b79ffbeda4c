package dev.jwkgate.audit;

/**
 * Quotes attacker-chosen text (kid, iss, aud, typ) for a log message: control characters are escaped so a
 * forged value cannot forge log lines, and the text is cut so it cannot flood the log.
 */
public final class LogText {

    static final int MAX_SHOWN = 80;

    private LogText() {
    }

    /** The value in single quotes, escaped and truncated; non-strings are shown by JSON type only. */
    public static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        if (!(value instanceof String)) {
            return "a JSON " + jsonType(value);
        }
        String text = (String) value;
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + 8).append('\'');
        int shown = Math.min(text.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (text.length() > MAX_SHOWN) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    /** The JSON type name of a parsed value, for messages that must not show the value. */
    static String jsonType(Object value) {
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
        if (value instanceof java.util.List) {
            return "array";
        }
        if (value instanceof java.util.Map) {
            return "object";
        }
        return value.getClass().getSimpleName();
    }
}
