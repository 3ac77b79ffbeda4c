package dev.jwkgate.jws;

import dev.jwkgate.json.Base64Url;
import dev.jwkgate.json.StrictJson;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Step 1: splits a compact JWS and decodes its header, cheapest checks first. Size limits come before
 * any decoding, a JWE is refused by its segment count (never decrypted), and all three segments must be
 * strict base64url before the header's JSON is read.
 */
public final class CompactJwsParser {

    private static final String[] SEGMENT_NAMES = {"header", "payload", "signature"};

    private final int maxTokenBytes;
    private final int maxHeaderBytes;
    private final StrictJson json;

    public CompactJwsParser(int maxTokenBytes, int maxHeaderBytes, StrictJson json) {
        this.maxTokenBytes = maxTokenBytes;
        this.maxHeaderBytes = maxHeaderBytes;
        this.json = json;
    }

    public CompactJws parse(String token) throws TokenRefusedException {
        return parse(token, null);
    }

    /**
     * {@link #parse(String)}, except that a header segment {@code accepted} remembers is neither decoded nor read
     * again: the result carries the header the policy accepted for it. Every other check runs as for any token, in
     * the same order, so the outcome is the same as {@link #parse(String)} followed by the header policy.
     *
     * @param accepted the validator's accepted headers, or null to read every header
     */
    public CompactJws parse(String token, AcceptedHeaders accepted) throws TokenRefusedException {
        if (token == null || token.isEmpty()) {
            throw TokenRefusedException.of(ReasonCode.MALFORMED, "the token is empty");
        }
        // chars, not bytes: any char above ASCII is refused below anyway, so this never under-counts a valid token
        if (token.length() > maxTokenBytes) {
            throw TokenRefusedException.of(ReasonCode.TOO_LARGE,
                    "the token has " + token.length() + " bytes, max_token_bytes is " + maxTokenBytes);
        }
        // one byte per char; anything above ISO-8859-1 becomes '?', so every non-ASCII char fails the alphabet check
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        // String.indexOf is an intrinsic: the two dots of a JWS are found without a loop over every char
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            int dotCount = countDots(ascii);
            if (dotCount == 4 && onlyBase64UrlAndDots(ascii)) {
                throw TokenRefusedException.of(ReasonCode.ENCRYPTED_TOKEN,
                        "the token has 5 segments: a JWE, refused without decrypting");
            }
            throw TokenRefusedException.of(ReasonCode.MALFORMED,
                    "the token has " + (dotCount + 1) + " segments, a compact JWS has 3");
        }
        int headerEnd = first;
        int payloadEnd = second;
        if (headerEnd > maxHeaderBytes) {
            throw TokenRefusedException.of(ReasonCode.TOO_LARGE,
                    "the encoded header has " + headerEnd + " bytes, max_header_bytes is " + maxHeaderBytes);
        }
        // a remembered segment was strict base64url of a header that passed: equal text, equal verdict
        JwsHeader known = accepted == null ? null : accepted.find(ascii, headerEnd);
        // checked and decoded in order; the payload's JSON is still not read before the signature verified
        byte[] headerJson = known != null ? null : decoded(ascii, 0, headerEnd, 0);
        byte[] payload = decoded(ascii, headerEnd + 1, payloadEnd, 1);
        byte[] signature = decoded(ascii, payloadEnd + 1, ascii.length, 2);
        Map<String, Object> header = known != null ? null : json.parseObject(headerJson, "header").asMap();
        return new CompactJws(ascii, headerEnd, payloadEnd, header, known, payload, signature);
    }

    /** Segment {@code s} ({@link #SEGMENT_NAMES}), {@code ascii[from, to)}, checked and decoded. */
    private static byte[] decoded(byte[] ascii, int from, int to, int s) throws TokenRefusedException {
        byte[] decoded = Base64Url.decodeCanonical(ascii, from, to);
        if (decoded == null) {
            throw TokenRefusedException.of(ReasonCode.MALFORMED, "the " + SEGMENT_NAMES[s]
                    + " segment is not strict base64url (only A-Z a-z 0-9 - _, no padding or whitespace,"
                    + " canonical trailing bits)");
        }
        return decoded;
    }

    private static int countDots(byte[] ascii) {
        int dots = 0;
        for (byte b : ascii) {
            if (b == '.') {
                dots++;
            }
        }
        return dots;
    }

    /** A JWE is five base64url segments; JSON text that happens to hold four dots is just malformed. */
    private static boolean onlyBase64UrlAndDots(byte[] ascii) {
        for (byte b : ascii) {
            boolean base64url = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_';
            if (!base64url && b != '.') {
                return false;
            }
        }
        return true;
    }
}
