package dev.jwkgate.token;

import java.util.Map;

/**
 * A token split into its three compact-JWS segments, every one already strict base64url; only the
 * header is decoded. The payload stays encoded until the signature has verified.
 */
final class CompactJws {

    private final byte[] ascii;
    private final int headerEnd;
    private final int payloadEnd;
    private final Map<String, Object> header;
    private final byte[] signature;

    CompactJws(byte[] ascii, int headerEnd, int payloadEnd, Map<String, Object> header, byte[] signature) {
        this.ascii = ascii;
        this.headerEnd = headerEnd;
        this.payloadEnd = payloadEnd;
        this.header = header;
        this.signature = signature;
    }

    Map<String, Object> header() {
        return header;
    }

    /**
     * The token's ASCII bytes; the first {@link #signingInputLength()} of them are the exact received
     * {@code header.payload} that the signature covers, never re-encoded. Shared, not copied: callers only read.
     */
    byte[] bytes() {
        return ascii;
    }

    int signingInputLength() {
        return payloadEnd;
    }

    /** The decoded signature; shared, not copied (hot path): callers only read it. */
    byte[] signature() {
        return signature;
    }

    /** Decodes the payload; call only after the signature verified. */
    byte[] decodePayload() {
        return Base64Url.decode(ascii, headerEnd + 1, payloadEnd);
    }
}
