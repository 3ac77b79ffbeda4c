package dev.jwkgate.gateway;

import java.util.Objects;

/**
 * One change to the request's headers before it goes upstream: set a header (replacing every copy the client
 * sent, whatever its case) or remove it (every copy, whatever its case).
 *
 * @param value the value to set; null for a removal
 */
public record HeaderChange(Action action, String name, String value) {

    /** What happens to the header. */
    public enum Action { SET, REMOVE }

    public HeaderChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(name, "name");
        if ((action == Action.SET) != (value != null)) {
            throw new IllegalArgumentException("a SET carries a value, a REMOVE none");
        }
    }

    public static HeaderChange set(String name, String value) {
        return new HeaderChange(Action.SET, name, Objects.requireNonNull(value, "value"));
    }

    public static HeaderChange remove(String name) {
        return new HeaderChange(Action.REMOVE, name, null);
    }

    public boolean isRemoval() {
        return action == Action.REMOVE;
    }
}
