package dev.jwkgate.token;

import dev.jwkgate.json.JsonLimits;
import dev.jwkgate.result.ReasonCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Turns a decoded JOSE header or JWT payload into a JSON object, refusing invalid UTF-8, nesting deeper
 * than the limit (checked before any parser sees the text) and duplicate member names (jose4j's parser
 * throws on them: two {@code alg} members are a parser-differential attack).
 */
final class StrictJson {

    private final int maxDepth;

    StrictJson(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** @param part "header" or "payload", for the message */
    Map<String, Object> parseObject(byte[] utf8, String part) throws TokenRefusedException {
        String json;
        try {
            // a replacing decoder would let two different byte strings read as one JSON text
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw TokenRefusedException.of(ReasonCode.MALFORMED, "the " + part + " is not valid UTF-8");
        }
        if (!JsonLimits.withinDepth(json, maxDepth)) {
            throw TokenRefusedException.of(ReasonCode.TOO_LARGE,
                    "the " + part + " JSON nests deeper than max_json_depth " + maxDepth);
        }
        try {
            return JsonUtil.parseJson(json);
        } catch (JoseException | RuntimeException e) {
            // the parser's own message may quote token text, so it is not passed on
            throw TokenRefusedException.of(ReasonCode.MALFORMED, "the " + part + " is not a JSON object"
                    + (hasDuplicateMember(e) ? ": it repeats a member name" : ""));
        }
    }

    private static boolean hasDuplicateMember(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && String.valueOf(t.getMessage()).contains("already exists")) {
                return true;
            }
        }
        return false;
    }
}
