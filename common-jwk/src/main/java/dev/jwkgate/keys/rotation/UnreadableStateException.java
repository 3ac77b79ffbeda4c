package dev.jwkgate.keys.rotation;

/**
 * The stored rotation state cannot be used. Its message names the problem and never echoes the stored
 * text (it holds private keys).
 */
public final class UnreadableStateException extends IllegalStateException {

    private final boolean repairable;

    UnreadableStateException(String message, boolean repairable) {
        super(message);
        this.repairable = repairable;
    }

    /**
     * False for a state written by a newer version of the provider: it is not broken, only not ours to
     * read, so it must be neither served nor replaced (upgrade the provider on every node instead).
     */
    public boolean repairable() {
        return repairable;
    }
}
