package dev.jwkgate.token;

import dev.jwkgate.audit.TokenFingerprint;
import dev.jwkgate.claims.ClaimSet;
import dev.jwkgate.result.VerifiedToken;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens that passed every check so a repeated token skips the signature. Keyed on SHA-256 of the
 * exact token, not the token itself: an entry costs the same whatever the token's size, and a heap dump of a
 * gateway does not hand out replayable bearer tokens. SHA-256 collisions are infeasible, so a different token
 * can never hit another's entry.
 *
 * <p>Bounded: when full, expired entries go first, then arbitrary ones until an eighth is free, so eviction
 * costs O(1) per insert on average. Only valid tokens are ever stored, so an attacker cannot fill it with junk.
 */
final class VerifiedTokenCache {

    /**
     * @param claims         the claims as read at verification, for the time checks every hit repeats
     * @param keepUntilMillis min(exp, stored + ttl)
     */
    record Entry(VerifiedToken token, ClaimSet claims, long keepUntilMillis) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long ttlMillis;
    private final Object evictionLock = new Object();

    VerifiedTokenCache(int maxEntries, long ttlMillis) {
        this.maxEntries = maxEntries;
        this.ttlMillis = ttlMillis;
    }

    /**
     * The token's {@link TokenFingerprint#sha256 SHA-256}. Only valid (pure base64url and dots) tokens are ever
     * stored, and a char above U+00FF hashes as '?', which no valid token holds, so no other token can share a
     * stored token's key.
     */
    static Key keyOf(String token) {
        return new Key(TokenFingerprint.sha256(token));
    }

    /** The live entry, or null; an entry past its keep-until time is dropped here. */
    Entry get(Key key, long nowMillis) {
        Entry entry = entries.get(key);
        if (entry != null && nowMillis >= entry.keepUntilMillis()) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    /** Stores the token's verdict; returns how many live entries were pushed out to make room. */
    int put(Key key, VerifiedToken token, ClaimSet claims, long nowMillis) {
        long keepUntil = nowMillis + ttlMillis;
        if (claims.expiresAt() != null) {
            keepUntil = Math.min(keepUntil, claims.expiresAt());
        }
        if (keepUntil <= nowMillis) {
            return 0;
        }
        int evicted = entries.size() >= maxEntries ? evict(nowMillis) : 0;
        entries.put(key, new Entry(token, claims, keepUntil));
        return evicted;
    }

    void remove(Key key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    /** Drops expired entries, then live ones until an eighth is free; returns how many live ones went. */
    private int evict(long nowMillis) {
        synchronized (evictionLock) {
            if (entries.size() < maxEntries) {
                return 0; // another thread made room meanwhile
            }
            int target = maxEntries - Math.max(1, maxEntries / 8);
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
                if (nowMillis >= it.next().keepUntilMillis()) {
                    it.remove();
                }
            }
            int evicted = 0;
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && entries.size() > target; ) {
                it.next();
                it.remove();
                evicted++;
            }
            return evicted;
        }
    }

    /** A SHA-256 digest as a map key; its first four bytes are already a uniform hash. */
    static final class Key {
        private final byte[] digest;
        private final int hash;

        Key(byte[] digest) {
            this.digest = digest;
            this.hash = (digest[0] & 0xff) << 24 | (digest[1] & 0xff) << 16 | (digest[2] & 0xff) << 8 | (digest[3] & 0xff);
        }

        /** The token's audit fingerprint, from the digest already computed. */
        String fingerprint() {
            return TokenFingerprint.ofDigest(digest);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && Arrays.equals(digest, ((Key) other).digest);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
