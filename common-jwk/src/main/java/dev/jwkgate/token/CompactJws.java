package dev.jwkgate.token;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A token split into its three compact-JWS segments, every one already strict base64url; only the
 * header is decoded. The payload stays encoded until the signature has verified.
 */
final class CompactJws {

    private final String token;
    private final int headerEnd;
    private final int payloadEnd;
    private final Map<String, Object> header;
    private final byte[] signature;

    CompactJws(String token, int headerEnd, int payloadEnd, Map<String, Object> header, byte[] signature) {
        this.token = token;
        this.headerEnd = headerEnd;
        this.payloadEnd = payloadEnd;
        this.header = header;
        this.signature = signature;
    }

    Map<String, Object> header() {
        return header;
    }

    /** The exact received ASCII {@code header.payload}: what the signature covers, never re-encoded. */
    byte[] signingInput() {
        // the token is pure base64url and dots here, so one ASCII byte per char
        return token.substring(0, payloadEnd).getBytes(StandardCharsets.US_ASCII);
    }

    byte[] signature() {
        return signature.clone();
    }

    /** Decodes the payload; call only after the signature verified. */
    byte[] decodePayload() {
        return Base64Url.decode(token, headerEnd + 1, payloadEnd);
    }
}
