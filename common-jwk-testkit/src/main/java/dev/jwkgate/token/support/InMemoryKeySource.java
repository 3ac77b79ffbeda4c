package dev.jwkgate.token.support;

import dev.jwkgate.keys.KeySet;
import dev.jwkgate.keys.TrustedKey;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.source.KeysUnavailableException;
import dev.jwkgate.source.SourceHealth;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A key source test double: a settable set, an optional set a refresh reveals, and call counters. */
public final class InMemoryKeySource implements KeySetSource {

    private final String issuer;
    private volatile KeySet current;
    private volatile KeySet afterRefresh;
    private volatile boolean unavailable;
    public final AtomicInteger currentCalls = new AtomicInteger();
    public final AtomicInteger refreshCalls = new AtomicInteger();

    public InMemoryKeySource(String issuer, TrustedKey... keys) {
        this.issuer = issuer;
        this.current = set(keys);
    }

    public static KeySet set(TrustedKey... keys) {
        return new KeySet(List.of(keys), Instant.EPOCH);
    }

    public void setKeys(TrustedKey... keys) {
        current = set(keys);
    }

    /** The next unknown-kid refresh replaces the set with these keys. */
    public void revealOnRefresh(TrustedKey... keys) {
        afterRefresh = set(keys);
    }

    public void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public KeySet current() throws KeysUnavailableException {
        currentCalls.incrementAndGet();
        if (unavailable) {
            throw new KeysUnavailableException("test source is down");
        }
        return current;
    }

    @Override
    public KeySet refreshForUnknownKid(String kid) throws KeysUnavailableException {
        refreshCalls.incrementAndGet();
        if (unavailable) {
            throw new KeysUnavailableException("test source is down");
        }
        if (afterRefresh != null) {
            current = afterRefresh;
            afterRefresh = null;
        }
        return current;
    }

    @Override
    public SourceHealth health() {
        return unavailable ? SourceHealth.UNAVAILABLE : SourceHealth.HEALTHY;
    }

    @Override
    public void close() {
    }
}
