package dev.jwkgate.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable snapshot of one issuer's trusted keys, indexed by {@code kid}.
 *
 * <p>A new snapshot replaces the old one as a whole, so readers never see a half-updated set.
 */
public final class KeySet {

    private final List<TrustedKey> keys;
    private final Map<String, List<TrustedKey>> byKid;
    private final Set<String> thumbprints;
    private final Instant loadedAt;

    public KeySet(List<TrustedKey> keys, Instant loadedAt) {
        this.keys = List.copyOf(keys);
        this.loadedAt = loadedAt;
        Map<String, List<TrustedKey>> index = new LinkedHashMap<>();
        Set<String> prints = new LinkedHashSet<>();
        for (TrustedKey key : this.keys) {
            if (key.keyId() != null) {
                index.computeIfAbsent(key.keyId(), k -> new ArrayList<>()).add(key);
            }
            prints.add(key.thumbprint());
        }
        index.replaceAll((kid, list) -> List.copyOf(list));
        this.byKid = Collections.unmodifiableMap(index);
        this.thumbprints = Collections.unmodifiableSet(prints);
    }

    public static KeySet empty(Instant at) {
        return new KeySet(List.of(), at);
    }

    public List<TrustedKey> keys() {
        return keys;
    }

    /** Keys with this {@code kid} (at most one per key family), empty when none. */
    public List<TrustedKey> withKeyId(String kid) {
        return byKid.getOrDefault(kid, List.of());
    }

    public boolean hasKeyId(String kid) {
        return byKid.containsKey(kid);
    }

    /** Whether a key with this RFC 7638 thumbprint is still in the set (drives token-cache eviction). */
    public boolean containsThumbprint(String thumbprint) {
        return thumbprints.contains(thumbprint);
    }

    public Set<String> keyIds() {
        return byKid.keySet();
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public int size() {
        return keys.size();
    }

    @Override
    public String toString() {
        return "KeySet" + byKid.keySet() + "@" + loadedAt;
    }
}
