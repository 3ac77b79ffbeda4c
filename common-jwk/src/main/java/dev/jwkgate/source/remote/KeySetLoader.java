package dev.jwkgate.source.remote;

/**
 * The innermost layer of a remote source: loads the key set once, from the network, on the calling thread.
 * Caching, single-flight and outage handling are the job of {@link RemoteKeySetSource} around it.
 */
public interface KeySetLoader {

    /**
     * @throws LoadException when no usable set could be had; the message says why
     */
    LoadedKeySet load() throws LoadException;

    /** Where the keys come from, for logs and status pages; never contains credentials. */
    String location();
}
