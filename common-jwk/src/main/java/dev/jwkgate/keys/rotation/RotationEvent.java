package dev.jwkgate.keys.rotation;

import java.time.Instant;

/** One transition of one key; logged as an audit line, never with key material. */
public record RotationEvent(Type type, String kid, String algorithm, Instant at, String why) {

    /** The transitions of a key's life. */
    public enum Type { PUBLISHED, ACTIVATED, RETIRED, REMOVED, WITHDRAWN, RESET }

    /** Stable {@code key=value} form, easy to grep and to parse from the server log. */
    public String auditLine() {
        return "jwkgate-key-rotation event=" + type + " kid=" + kid + " alg=" + algorithm + " at=" + at + " why=\"" + why + "\"";
    }
}
