package dev.jwkgate.source;

/** No usable key set could be had within the configured wait; tokens answer {@code keys_unavailable}. */
public class KeysUnavailableException extends Exception {

    public KeysUnavailableException(String message) {
        super(message);
    }

    public KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
