package dev.jwkgate.token;

import dev.jwkgate.json.JsonLimits;
import dev.jwkgate.result.ReasonCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a decoded JOSE header or JWT payload into a JSON object, refusing invalid UTF-8, nesting deeper
 * than the limit (checked before any parser sees the text) and, through {@link JsonObjectParser}, anything that
 * is not strict RFC 8259 JSON: duplicate member names above all (two {@code alg} members are a
 * parser-differential attack).
 */
final class StrictJson {

    private final int maxDepth;

    StrictJson(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** @param part "header" or "payload", for the message */
    Map<String, Object> parseObject(byte[] utf8, String part) throws TokenRefusedException {
        String json = decodeUtf8(utf8, part);
        if (!JsonLimits.withinDepth(json, maxDepth)) {
            throw TokenRefusedException.of(ReasonCode.TOO_LARGE,
                    "the " + part + " JSON nests deeper than max_json_depth " + maxDepth);
        }
        try {
            return JsonObjectParser.parseObject(json, maxDepth);
        } catch (JsonObjectParser.JsonSyntaxException e) {
            throw TokenRefusedException.of(ReasonCode.MALFORMED, "the " + part + " is not a JSON object: " + e.getMessage());
        }
    }

    private static String decodeUtf8(byte[] utf8, String part) throws TokenRefusedException {
        if (isAscii(utf8)) {
            return new String(utf8, StandardCharsets.ISO_8859_1); // the usual case: a plain copy
        }
        try {
            // a replacing decoder would let two different byte strings read as one JSON text
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw TokenRefusedException.of(ReasonCode.MALFORMED, "the " + part + " is not valid UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
