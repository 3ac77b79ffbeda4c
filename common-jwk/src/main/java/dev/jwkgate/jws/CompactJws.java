package dev.jwkgate.jws;

import java.util.Map;

/**
 * A token split into its three compact-JWS segments, every one strict base64url and decoded; only the header's
 * JSON has been read (or, for a header segment {@link AcceptedHeaders} remembers, neither decoded nor read: its
 * accepted header instead). The payload's JSON is read only after the signature has verified.
 */
public final class CompactJws {

    private final byte[] ascii;
    private final int headerEnd;
    private final int payloadEnd;
    private final Map<String, Object> header;
    private final JwsHeader acceptedHeader;
    private final byte[] payload;
    private final byte[] signature;

    CompactJws(byte[] ascii, int headerEnd, int payloadEnd, Map<String, Object> header, JwsHeader acceptedHeader,
               byte[] payload, byte[] signature) {
        this.ascii = ascii;
        this.headerEnd = headerEnd;
        this.payloadEnd = payloadEnd;
        this.header = header;
        this.acceptedHeader = acceptedHeader;
        this.payload = payload;
        this.signature = signature;
    }

    /** The header's members; null when {@link #acceptedHeader()} is not. */
    public Map<String, Object> header() {
        return header;
    }

    /** The header {@link AcceptedHeaders} remembers for this exact header segment, or null when it was read now. */
    JwsHeader acceptedHeader() {
        return acceptedHeader;
    }

    /** The length of the encoded header segment. */
    int headerLength() {
        return headerEnd;
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
