package dev.jwkgate.json;

import java.util.Map;

/**
 * Untrusted JSON text (a JWKS, a JWK, a discovery document) read by the same strict reader as tokens, so no
 * document is read one way here and another way by a peer: no trailing commas, leading zeros, lone surrogates,
 * duplicate member names or anything else RFC 8259 does not allow (the full list is {@code JsonObjectParser}'s).
 */
public final class JsonText {

    /** Why a text was refused; the message never quotes it. */
    public static final class InvalidJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        private final boolean repeatedName;

        InvalidJsonException(String message, boolean repeatedName) {
            super(message, null, false, false);
            this.repeatedName = repeatedName;
        }

        /** Whether the text is valid JSON but for a member name an object repeats (a parser-differential vector). */
        public boolean repeatedName() {
            return repeatedName;
        }
    }

    private JsonText() {
    }

    /**
     * The members of the one JSON object {@code text} holds, in order, nested objects and arrays unmodifiable;
     * values as {@code JsonObjectParser} gives them (String, Long or BigInteger, Double, Boolean, null).
     *
     * @throws InvalidJsonException when the text is not exactly one strict JSON object nesting at most
     *                              {@code maxDepth} levels
     */
    public static Map<String, Object> parseObject(String text, int maxDepth) throws InvalidJsonException {
        byte[] utf8 = Utf8.encode(text).orElseThrow(
                () -> new InvalidJsonException("it holds a lone surrogate", false));
        try {
            return JsonObjectParser.parseObject(utf8, maxDepth).toOrderedMap();
        } catch (JsonObjectParser.JsonSyntaxException e) {
            throw new InvalidJsonException(e.getMessage(), e.repeatedName());
        }
    }
}
