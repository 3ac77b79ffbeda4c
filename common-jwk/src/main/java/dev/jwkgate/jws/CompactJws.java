package dev.jwkgate.jws;

import java.util.Map;

/**
 * A token split into its three compact-JWS segments, every one strict base64url and decoded; only the header's
 * JSON has been read. The payload's JSON is read only after the signature has verified.
 */
public final class CompactJws {

    private final byte[] ascii;
    private final int payloadEnd;
    private final Map<String, Object> header;
    private final byte[] payload;
    private final byte[] signature;

    CompactJws(byte[] ascii, int payloadEnd, Map<String, Object> header, byte[] payload, byte[] signature) {
        this.ascii = ascii;
        this.payloadEnd = payloadEnd;
        this.header = header;
        this.payload = payload;
        this.signature = signature;
    }

    public Map<String, Object> header() {
        return header;
    }

    /**
     * The token's ASCII bytes; the first {@link #signingInputLength()} of them are the exact received
     * {@code header.payload} that the signature covers, never re-encoded. Shared, not copied: callers only read.
     */
    public byte[] bytes() {
        return ascii;
    }

    public int signingInputLength() {
        return payloadEnd;
    }

    /** The decoded signature; shared, not copied (hot path): callers only read it. */
    public byte[] signature() {
        return signature;
    }

    /** The decoded payload bytes, unread; parse them only after the signature verified. */
    public byte[] payload() {
        return payload;
    }
}
