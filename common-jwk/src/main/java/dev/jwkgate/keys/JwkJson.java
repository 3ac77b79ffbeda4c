package dev.jwkgate.keys;

import dev.jwkgate.json.JsonLimits;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Parses JWK and JWKS text: nesting depth is bounded before any parser runs, and jose4j's parser
 * refuses duplicate member names (a parser-differential vector, attack 14 of the research notes).
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
            return JsonUtil.parseJson(json);
        } catch (JoseException e) {
            // jose4j reports a repeated name as an IllegalArgumentException from its duplicate-refusing map
            if (e.getCause() instanceof IllegalArgumentException) {
                throw new JwkProblem(what + " repeats a member name");
            }
            throw new JwkProblem(what + " is not valid JSON");
        } catch (RuntimeException e) {
            throw new JwkProblem(what + " is not valid JSON");
        }
    }
}
