package dev.jwkgate.source.local;

import dev.jwkgate.keys.KeySet;
import dev.jwkgate.source.KeySetSource;
import dev.jwkgate.source.SourceHealth;
import java.util.Objects;

/** A key set fixed at configuration time ({@code jwks}, {@code jwks_file}, {@code hmac_secrets}); always HEALTHY. */
public final class StaticKeySetSource implements KeySetSource {

    private final String issuer;
    private final String location;
    private final KeySet keys;

    public StaticKeySetSource(String issuer, String location, KeySet keys) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.location = Objects.requireNonNull(location, "location");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public KeySet current() {
        return keys;
    }

    /** Nothing to refresh: the set is the same until the configuration changes. */
    @Override
    public KeySet refreshForUnknownKid(String kid) {
        return keys;
    }

    @Override
    public SourceHealth health() {
        return SourceHealth.HEALTHY;
    }

    @Override
    public void close() {
        // nothing runs in the background
    }

    @Override
    public String toString() {
        return "StaticKeySetSource[" + issuer + " from " + location + ", " + keys.keyIds() + "]";
    }
}
