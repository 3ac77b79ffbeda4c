package dev.jwkgate.json;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;

/**
 * Turns a decoded JOSE header or JWT payload into the members of a JSON object, refusing invalid UTF-8, nesting
 * deeper than the limit and, through {@link JsonObjectParser}, anything that is not strict RFC 8259 JSON:
 * duplicate member names above all (two {@code alg} members are a parser-differential attack).
 *
 * <p>An accepted text is read in one pass. Only a refused one is looked at again, to name the refusal in the
 * order the checks have always had: invalid UTF-8 anywhere is MALFORMED, else nesting beyond
 * {@code max_json_depth} anywhere (even after a syntax error) is TOO_LARGE, else the syntax error is MALFORMED.
 */
public final class StrictJson {

    private final int maxDepth;

    public StrictJson(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** @param part "header" or "payload", for the message */
    public JsonMembers parseObject(byte[] utf8, String part) throws TokenRefusedException {
        try {
            // the text is checked whole now; the outer object's plain strings, short integers and arrays of these
            // are made on first read, since a validator reads a few claims of a dozen (utf8 is a token's own decoded
            // segment)
            return JsonObjectParser.parseObjectLeavingValuesUnread(utf8, maxDepth);
        } catch (JsonObjectParser.JsonSyntaxException e) {
            throw refusal(utf8, part, e);
        }
    }

    private TokenRefusedException refusal(byte[] utf8, String part, JsonObjectParser.JsonSyntaxException e) {
        // the JDK's reporting decoder, not the parser's own check: a second, independent opinion on a refused text
        if (!Utf8.isValid(utf8)) {
            return TokenRefusedException.of(ReasonCode.MALFORMED, "the " + part + " is not valid UTF-8");
        }
        if (JsonLimits.depth(utf8, maxDepth) > maxDepth) {
            return TokenRefusedException.of(ReasonCode.TOO_LARGE,
                    "the " + part + " JSON nests deeper than max_json_depth " + maxDepth);
        }
        return TokenRefusedException.of(ReasonCode.MALFORMED, "the " + part + " is not a JSON object: " + e.getMessage());
    }
}
