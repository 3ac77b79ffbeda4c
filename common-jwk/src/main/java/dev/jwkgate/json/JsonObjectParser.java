package dev.jwkgate.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A strict RFC 8259 parser for one JSON object, read straight from the decoded UTF-8 bytes of a JOSE header or
 * JWT payload in a single pass: UTF-8 validity, nesting depth, grammar and duplicate member names are all checked
 * as the bytes go by, with no intermediate String of the whole text. jose4j's parser allocates a 16 K-char buffer
 * per call and is lenient (it accepts missing and trailing commas and leading zeros), and every leniency is a chance
 * for two parsers to read one token differently.
 *
 * <p>Refuses: anything after the object, duplicate member names (compared after unescaping), trailing or
 * missing commas, leading zeros, {@code NaN}/{@code Infinity}, single quotes, raw control characters in
 * strings, unknown escapes, {@code \\u} escapes with anything but four ASCII hex digits, unpaired surrogate
 * escapes, malformed UTF-8 (overlong forms, encoded surrogates, code points above U+10FFFF, truncated sequences)
 * and nesting beyond the limit. Values come out as jose4j gives them: String, Long (BigInteger when too large),
 * Double (any fraction or exponent), Boolean, null; nested objects as insertion-ordered unmodifiable Maps, arrays
 * as unmodifiable Lists, so verified claims can be shared between threads without copying.
 */
final class JsonObjectParser {

    /** Why a text is not acceptable JSON; stackless, and its message never quotes the input. */
    static final class JsonSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        private final boolean repeatedName;

        JsonSyntaxException(String message) {
            this(message, false);
        }

        JsonSyntaxException(String message, boolean repeatedName) {
            super(message, null, false, false);
            this.repeatedName = repeatedName;
        }

        /** Whether the text is valid but for a member name an object repeats. */
        boolean repeatedName() {
            return repeatedName;
        }
    }

    /** Longest integer text (sign included) that always fits a long: 18 digits. */
    private static final int LONG_SAFE_LENGTH = 18;

    private final byte[] in;
    private final int end;
    private final int maxDepth;
    /** Whether the outer object's plain strings, short integers and arrays of them stay unread ({@link UnreadValue}). */
    private final boolean leaveUnread;
    private int pos;

    private JsonObjectParser(byte[] utf8, int maxDepth, boolean leaveUnread) {
        this.in = utf8;
        this.end = utf8.length;
        this.maxDepth = maxDepth;
        this.leaveUnread = leaveUnread;
    }

    /** Parses {@code utf8}, which must be exactly one JSON object with optional surrounding whitespace. */
    static JsonMembers parseObject(byte[] utf8, int maxDepth) throws JsonSyntaxException {
        return parseObject(utf8, maxDepth, false);
    }

    /**
     * As {@link #parseObject(byte[], int)}, checking the whole text just as strictly, but with the outer object's
     * plain strings, short integers and arrays of only these kept as spans of {@code utf8} and made on first read
     * ({@link UnreadValue}); {@code utf8} must then never change.
     */
    static JsonMembers parseObjectLeavingValuesUnread(byte[] utf8, int maxDepth) throws JsonSyntaxException {
        return parseObject(utf8, maxDepth, true);
    }

    private static JsonMembers parseObject(byte[] utf8, int maxDepth, boolean leaveUnread)
            throws JsonSyntaxException {
        JsonObjectParser parser = new JsonObjectParser(utf8, maxDepth, leaveUnread);
        parser.skipWhitespace();
        if (parser.peek() != '{') {
            throw parser.error("expected a JSON object");
        }
        JsonMembers object = parser.object(1);
        parser.skipWhitespace();
        if (parser.pos != parser.end) {
            throw parser.error("unexpected content after the object");
        }
        return object;
    }

    private Object value(int depth) throws JsonSyntaxException {
        int c = peek();
        switch (c) {
            case '{':
                return object(depth + 1).toOrderedMap();
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
                if (c == '-' || isDigit(c)) {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    private JsonMembers object(int depth) throws JsonSyntaxException {
        checkDepth(depth);
        pos++; // '{'
        boolean unread = leaveUnread && depth == 1;
        JsonMembers object = unread ? new JsonMembers(in) : new JsonMembers();
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
            String name = null;
            long nameSpan = 0L;
            int close = unread ? plainStringEnd() : -1;
            if (close >= 0) {
                nameSpan = UnreadValue.span(pos + 1, close - pos - 1);
                pos = close + 1;
            } else {
                name = string();
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (!(unread ? addMember(object, name, nameSpan, depth) : object.add(name, value(depth)))) {
                throw new JsonSyntaxException("it repeats a member name", true);
            }
            skipWhitespace();
            int c = next();
            if (c == '}') {
                return object;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    /**
     * Reads the value of the member named {@code name} (or, when null, by the plain string at {@code nameSpan}) into
     * {@code object}, left unread when it is a plain string, a short integer or an array of only these.
     */
    private boolean addMember(JsonMembers object, String name, long nameSpan, int depth) throws JsonSyntaxException {
        int c = peek();
        int start = pos;
        if (c == '"') {
            int close = plainStringEnd();
            if (close >= 0) {
                pos = close + 1;
                return object.add(name, nameSpan, UnreadValue.PLAIN_STRING, UnreadValue.span(start + 1, close - start - 1));
            }
        } else if (c == '-' || isDigit(c)) {
            if (scanNumber() && pos - start <= LONG_SAFE_LENGTH) {
                return object.add(name, nameSpan, UnreadValue.SHORT_INTEGER, UnreadValue.span(start, pos - start));
            }
            pos = start;
        } else if (c == '[' && depth + 1 <= maxDepth) {
            if (plainArray()) {
                return object.add(name, nameSpan, UnreadValue.PLAIN_ARRAY, UnreadValue.span(start, pos - start));
            }
            pos = start;
        }
        return object.add(name, nameSpan, value(depth), 0L);
    }

    /**
     * Moves past the array at {@code pos} when it holds nothing but plain strings ({@link #plainStringEnd}) and
     * integers of at most 18 characters, its grammar checked as {@link #array} checks it; false, wherever it stopped,
     * for any other array, which {@link #value} then reads (and refuses) from the start with the usual messages.
     */
    private boolean plainArray() throws JsonSyntaxException {
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return true;
        }
        while (true) {
            skipWhitespace();
            int c = peek();
            if (c == '"') {
                int close = plainStringEnd();
                if (close < 0) {
                    return false;
                }
                pos = close + 1;
            } else if (c == '-' || isDigit(c)) {
                int start = pos;
                if (!scanNumber() || pos - start > LONG_SAFE_LENGTH) {
                    return false;
                }
            } else {
                return false;
            }
            skipWhitespace();
            int after = peek();
            if (after == ']') {
                pos++;
                return true;
            }
            if (after != ',') {
                return false;
            }
            pos++;
        }
    }

    /**
     * Where the string starting at {@code pos} ends (its closing quote) when it holds only printable ASCII without
     * escapes; -1 for any other string, which {@link #string()} then reads (and refuses) with the usual messages.
     */
    private int plainStringEnd() {
        for (int i = pos + 1; i < end; i++) {
            int b = in[i];
            if (b > '"' && b != '\\') {
                continue; // most characters: one test more than the quote's
            }
            if (b == '"') {
                return i;
            }
            if (b != ' ' && b != '!') { // a backslash, a control character or a byte of a non-ASCII character
                return -1;
            }
        }
        return -1;
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
            int c = next();
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
        // fast path, the common case for claims: plain ASCII without escapes becomes a String in one copy
        while (pos < end) {
            int b = in[pos];
            if (b == '"') {
                return new String(in, start, pos++ - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0) {
                break;
            }
            if (b < 0x20) {
                throw error("control character in a string");
            }
            pos++;
        }
        StringBuilder out = new StringBuilder(pos - start + 16);
        for (int i = start; i < pos; i++) {
            out.append((char) in[i]);
        }
        while (true) {
            int b = next();
            if (b == '"') {
                return out.toString();
            }
            if (b < 0x20) {
                throw error("control character in a string");
            }
            if (b >= 0x80) {
                out.appendCodePoint(utf8Sequence(b));
                continue;
            }
            if (b != '\\') {
                out.append((char) b);
                continue;
            }
            int e = next();
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

    /**
     * The code point of a multi-byte UTF-8 sequence whose lead byte {@code lead} was just read; refuses exactly what
     * a reporting JDK decoder refuses (RFC 3629 §4): overlong forms, UTF-16 surrogates, values above U+10FFFF,
     * stray or missing continuation bytes. A replacing decoder would let two byte strings read as one JSON text.
     */
    private int utf8Sequence(int lead) throws JsonSyntaxException {
        int count;
        int min;
        int codePoint;
        if (lead >= 0xc2 && lead <= 0xdf) {
            count = 1;
            min = 0x80;
            codePoint = lead & 0x1f;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            count = 2;
            min = 0x800;
            codePoint = lead & 0x0f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            count = 3;
            min = 0x10000;
            codePoint = lead & 0x07;
        } else {
            throw error("invalid UTF-8");
        }
        for (int i = 0; i < count; i++) {
            int b = pos < end ? in[pos] & 0xff : 0;
            if ((b & 0xc0) != 0x80) {
                throw error("invalid UTF-8");
            }
            pos++;
            codePoint = codePoint << 6 | (b & 0x3f);
        }
        if (codePoint < min || codePoint > Character.MAX_CODE_POINT
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
            throw error("invalid UTF-8");
        }
        return codePoint;
    }

    private void unicodeEscape(StringBuilder out) throws JsonSyntaxException {
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
            if (pos + 1 < end && in[pos] == '\\' && in[pos + 1] == 'u') {
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

    /** Four ASCII hex digits (RFC 8259 HEXDIG); never the Unicode digits {@link Character#digit} would also take. */
    private char hex4() throws JsonSyntaxException {
        if (pos + 4 > end) {
            throw error("short unicode escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = in[pos++];
            int digit;
            if (b >= '0' && b <= '9') {
                digit = b - '0';
            } else if (b >= 'a' && b <= 'f') {
                digit = b - 'a' + 10;
            } else if (b >= 'A' && b <= 'F') {
                digit = b - 'A' + 10;
            } else {
                throw error("bad unicode escape");
            }
            value = value << 4 | digit;
        }
        return (char) value;
    }

    /** RFC 8259 §6: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private Object number() throws JsonSyntaxException {
        int start = pos;
        if (!scanNumber()) {
            return Double.valueOf(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
        }
        if (pos - start <= LONG_SAFE_LENGTH) {
            return UnreadValue.shortInteger(in, UnreadValue.span(start, pos - start));
        }
        BigInteger big = new BigInteger(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    /** Moves past the number at {@code pos}, checking its grammar; whether it is an integer (no fraction or exponent). */
    private boolean scanNumber() throws JsonSyntaxException {
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
        return integral;
    }

    private boolean digits() {
        int start = pos;
        while (isDigit(peek())) {
            pos++;
        }
        return pos > start;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private Object literal(String word, Object value) throws JsonSyntaxException {
        if (pos + word.length() > end) {
            throw error("unexpected character");
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw error("unexpected character");
            }
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
        while (pos < end) {
            byte c = in[pos];
            if (c > ' ' || (c != ' ' && c != '\t' && c != '\n' && c != '\r')) { // the first test settles most
                return;
            }
            pos++;
        }
    }

    /** The current byte (0-255), or 0 at the end (never valid where a token is expected). */
    private int peek() {
        return pos < end ? in[pos] & 0xff : 0;
    }

    private int next() throws JsonSyntaxException {
        if (pos >= end) {
            throw error("unexpected end");
        }
        return in[pos++] & 0xff;
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
