package dev.jwkgate.kong.pdk.bridge;

/**
 * A PDK result from Kong could not be decoded. Unlike a broken connection this ends the event with a
 * 500 through {@code kong.response.exit}: closing the connection would make Kong retry the event,
 * and retry again, for a fault that repeats every time.
 */
public final class MalformedMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
