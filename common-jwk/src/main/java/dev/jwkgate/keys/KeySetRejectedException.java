package dev.jwkgate.keys;

/**
 * A whole key set was refused (not JSON, too large, too many keys, duplicate {@code kid} within one key
 * type). The previously loaded set, if any, stays in use.
 */
public class KeySetRejectedException extends Exception {

    public KeySetRejectedException(String message) {
        super(message);
    }
}
