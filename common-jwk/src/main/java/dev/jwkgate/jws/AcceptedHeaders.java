package dev.jwkgate.jws;

import dev.jwkgate.result.TokenRefusedException;
import java.util.Arrays;

/**
 * The header segments the {@link HeaderPolicy} has accepted, remembered by their exact base64url text so the next
 * token with the same segment skips decoding it, reading its JSON and checking it again: an issuer's tokens share a
 * handful of headers ({@code alg}, {@code typ}, one {@code kid} per signing key), so a gateway reads each once.
 *
 * <p>The policy's verdict is a function of the header's bytes and the validator's configuration alone (allowed
 * algorithms, critical headers, required type, kid length, missing kid), so a remembered verdict is the one the
 * policy would give again; anything that changes with time or with the key set (revoked kids, the key itself) is
 * decided after this, for every token. Only accepted headers are remembered: a refused header is read and refused
 * again each time.
 *
 * <p>Bounded whatever the traffic: a fixed number of slots, each chosen by a hash of the segment and holding the
 * last header accepted there, so headers an attacker makes up can only push out other headers, whose next token then
 * costs what every token cost before this cache. A hit compares the whole segment, never only its hash. Safe for
 * concurrent use: a slot holds one immutable entry and is replaced whole.
 */
public final class AcceptedHeaders {

    /** Slots; a power of two. Far more than the headers of one issuer's signing keys. */
    static final int SLOTS = 32;

    /** An accepted header segment and what the policy made of it. */
    private static final class Entry {
        final byte[] segment;
        final JwsHeader header;

        Entry(byte[] segment, JwsHeader header) {
            this.segment = segment;
            this.header = header;
        }
    }

    private final HeaderPolicy policy;
    private final Entry[] slots = new Entry[SLOTS];

    public AcceptedHeaders(HeaderPolicy policy) {
        this.policy = policy;
    }

    /**
     * The header the policy accepted for exactly the segment {@code ascii[0, headerEnd)}, or null when that segment
     * is not remembered. Equal bytes are an equal header, so a hit is a segment that was strict base64url of a
     * header that passed.
     */
    JwsHeader find(byte[] ascii, int headerEnd) {
        Entry entry = slots[slot(ascii, headerEnd)];
        if (entry != null && Arrays.equals(ascii, 0, headerEnd, entry.segment, 0, entry.segment.length)) {
            return entry.header;
        }
        return null;
    }

    /**
     * The parsed token's header as the policy accepts it: the remembered verdict when the parser found its segment
     * here, else the policy's, remembered when it accepts.
     *
     * @throws TokenRefusedException as {@link HeaderPolicy#check} does
     */
    public JwsHeader check(CompactJws jws) throws TokenRefusedException {
        JwsHeader known = jws.acceptedHeader();
        if (known != null) {
            return known;
        }
        JwsHeader header = policy.check(jws.header());
        byte[] ascii = jws.bytes();
        int headerEnd = jws.headerLength();
        slots[slot(ascii, headerEnd)] = new Entry(Arrays.copyOf(ascii, headerEnd), header);
        return header;
    }

    /** How many slots hold a header (for tests: never more than {@link #SLOTS}). */
    int remembered() {
        int count = 0;
        for (Entry entry : slots) {
            count += entry == null ? 0 : 1;
        }
        return count;
    }

    /**
     * A slot for the segment: its length and its last eight characters, which is where the {@code kid} of an
     * issuer's otherwise identical headers ends up. Any hash would do; a poor one only costs misses.
     */
    private static int slot(byte[] ascii, int headerEnd) {
        int hash = headerEnd;
        for (int i = Math.max(0, headerEnd - 8); i < headerEnd; i++) {
            hash = 31 * hash + ascii[i];
        }
        hash ^= hash >>> 16;
        return hash & (SLOTS - 1);
    }
}
