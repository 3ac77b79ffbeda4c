package dev.jwkgate;

import dev.jwkgate.source.KeySetSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One holder's use of a key source from {@link KeySourceRegistry#lease}. Closing the lease releases that use,
 * once however often it is called; when the last use of a shared remote source is released, the source is
 * closed: its refresh timer is cancelled, it fetches no more (nor sends its {@code jwks_request_headers}), and
 * the registry forgets it and its keys.
 */
public final class KeySourceLease implements AutoCloseable {

    private final KeySetSource source;
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    KeySourceLease(KeySetSource source, Runnable release) {
        this.source = Objects.requireNonNull(source, "source");
        this.release = Objects.requireNonNull(release, "release");
    }

    /** The source; it stays usable until the lease is closed (and longer while others hold it). */
    public KeySetSource source() {
        return source;
    }

    /** Releases this use; only the first call counts. */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
