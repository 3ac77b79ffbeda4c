package dev.jwkgate.source;

import dev.jwkgate.keys.KeySet;

/**
 * Where one issuer's keys come from: a static set, a remote JWKS URL, or OIDC discovery.
 *
 * <p>Implementations are thread-safe. Request threads only ever wait for a source's very first load
 * or a permitted unknown-{@code kid} refresh, and never longer than {@code first_load_wait_ms};
 * every other fetch happens in the background, one at a time per source.
 */
public interface KeySetSource extends AutoCloseable {

    /** The issuer these keys belong to; a token of another issuer is never checked with them. */
    String issuer();

    /** Where the keys come from (a URL, or "static"), for logs; never contains secrets. */
    String location();

    /**
     * The current set. Waits (bounded) only when nothing has been loaded yet.
     *
     * @throws KeysUnavailableException when no usable set exists (never loaded, or stale beyond the bound)
     */
    KeySet current() throws KeysUnavailableException;

    /**
     * Called when a token names a {@code kid} the current set lacks. May start one refresh (single-flight,
     * at most once per cooldown) and wait for it within the bound; returns the set to look in again.
     * A {@code kid} found unknown is remembered for the cooldown, so repeated forged kids cost nothing.
     */
    KeySet refreshForUnknownKid(String kid) throws KeysUnavailableException;

    SourceHealth health();

    /** Stops background refreshes. */
    @Override
    void close();
}
