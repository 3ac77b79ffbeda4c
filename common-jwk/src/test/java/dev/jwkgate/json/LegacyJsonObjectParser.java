package dev.jwkgate.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The String-based parser jwkgate used before the byte-level {@link JsonObjectParser} (commit 3569cb2), kept only
 * as the oracle of {@link StrictJsonDifferentialTest}. One line differs from the original, on purpose: {@code hex4}
 * takes ASCII hex digits only, where {@code Character.digit} also took Unicode digits such as U+FF10 (a
 * leniency RFC 8259 does not allow, which the new parser drops).
 */
final class LegacyJsonObjectParser {

    /** Why a text is not acceptable JSON; stackless, and its message never quotes the input. */
    static final class JsonSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonSyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    private final String text;
    private final int maxDepth;
    private int pos;

    private LegacyJsonObjectParser(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /** Parses {@code text}, which must be exactly one JSON object with optional surrounding whitespace. */
    static Map<String, Object> parseObject(String text, int maxDepth) throws JsonSyntaxException {
        LegacyJsonObjectParser parser = new LegacyJsonObjectParser(text, maxDepth);
        parser.skipWhitespace();
        if (parser.peek() != '{') {
            throw parser.error("expected a JSON object");
        }
        Map<String, Object> object = parser.object(1);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected content after the object");
        }
        return object;
    }

    private Object value(int depth) throws JsonSyntaxException {
        char c = peek();
        switch (c) {
            case '{':
                return Collections.unmodifiableMap(object(depth + 1));
            case '[':
                return Collections.unmodifiableList(array(depth + 1));
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    private Map<String, Object> object(int depth) throws JsonSyntaxException {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value(depth);
            if (object.containsKey(name)) {
                throw new JsonSyntaxException("it repeats a member name");
            }
            object.put(name, value);
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return object;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) throws JsonSyntaxException {
        checkDepth(depth);
        pos++; // '['
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(value(depth));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return array;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws JsonSyntaxException {
        int start = ++pos; // after '"'
        // fast path: no escapes, the common case for claims
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            pos++;
        }
        StringBuilder out = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': unicodeEscape(out); break;
                default: throw error("unknown escape");
            }
        }
    }

    private void unicodeEscape(StringBuilder out) throws JsonSyntaxException {
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
            if (pos + 1 < text.length() && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
                pos += 2;
                char low = hex4();
                if (Character.isLowSurrogate(low)) {
                    out.append(c).append(low);
                    return;
                }
            }
            throw error("unpaired surrogate escape");
        }
        if (Character.isLowSurrogate(c)) {
            throw error("unpaired surrogate escape");
        }
        out.append(c);
    }

    private char hex4() throws JsonSyntaxException {
        if (pos + 4 > text.length()) {
            throw error("short unicode escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char h = text.charAt(pos++);
            int digit = h < 0x80 ? Character.digit(h, 16) : -1;
            if (digit < 0) {
                throw error("bad unicode escape");
            }
            value = value << 4 | digit;
        }
        return (char) value;
    }

    /** RFC 8259 §6: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private Object number() throws JsonSyntaxException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("leading zero in a number");
            }
        } else if (!digits()) {
            throw error("expected a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            integral = false;
            if (!digits()) {
                throw error("expected a digit after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            integral = false;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("expected a digit in the exponent");
            }
        }
        String number = text.substring(start, pos);
        if (!integral) {
            return Double.valueOf(number);
        }
        if (number.length() <= 18) {
            return Long.valueOf(number);
        }
        BigInteger big = new BigInteger(number);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private boolean digits() {
        int start = pos;
        while (isDigit(peek())) {
            pos++;
        }
        return pos > start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) throws JsonSyntaxException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected character");
        }
        pos += word.length();
        return value;
    }

    private void checkDepth(int depth) throws JsonSyntaxException {
        if (depth > maxDepth) {
            throw error("nesting deeper than " + maxDepth);
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The current char, or 0 at the end (never valid where a token is expected). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private char next() throws JsonSyntaxException {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) throws JsonSyntaxException {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private JsonSyntaxException error(String what) {
        return new JsonSyntaxException(what + " at offset " + pos);
    }
}
