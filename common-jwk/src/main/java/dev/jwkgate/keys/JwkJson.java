package dev.jwkgate.keys;

import dev.jwkgate.json.JsonLimits;
import dev.jwkgate.json.JsonText;
import java.util.Map;

/**
 * Parses JWK and JWKS text: nesting depth is bounded before any parser runs, and the strict reader that reads
 * tokens ({@link JsonText}) refuses everything RFC 8259 does not allow, duplicate member names above all (a
 * parser-differential vector, attack 14 in docs/SECURITY.md).
 */
public final class JwkJson {

    /** A JWKS needs 3 levels (set, keys array, key) and 4 with {@code x5c} or {@code oth}; 8 leaves room, no more. */
    static final int MAX_DEPTH = 8;

    private JwkJson() {
    }

    /** Parses a JSON object; the message says what was wrong, never quotes the input. */
    public static Map<String, Object> parseObject(String json, String what) throws JwkProblem {
        if (json == null || json.isBlank()) {
            throw new JwkProblem(what + " is empty");
        }
        if (!JsonLimits.withinDepth(json, MAX_DEPTH)) {
            throw new JwkProblem(what + " nests JSON deeper than " + MAX_DEPTH + " levels");
        }
        if (json.strip().charAt(0) != '{') {
            throw new JwkProblem(what + " is not a JSON object");
        }
        try {
            return JsonText.parseObject(json, MAX_DEPTH);
        } catch (JsonText.InvalidJsonException e) {
            throw new JwkProblem(what + (e.repeatedName() ? " repeats a member name" : " is not valid JSON"));
        }
    }
}
