package dev.jwkgate.source.remote;

import dev.jwkgate.keys.KeyRefusal;
import java.util.List;

/**
 * A key set could not be loaded: the fetch failed, or the fetched set was refused whole or had no usable
 * key. The message says why and is safe to log. The cached set, if any, stays in use.
 */
public class LoadException extends Exception {

    private final List<KeyRefusal> refusals;

    public LoadException(String why) {
        this(why, List.of());
    }

    public LoadException(String why, List<KeyRefusal> refusals) {
        super(why);
        this.refusals = List.copyOf(refusals);
    }

    /** The keys dropped from a set that was refused for having no usable key; empty otherwise. */
    public List<KeyRefusal> refusals() {
        return refusals;
    }
}
