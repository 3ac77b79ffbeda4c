package dev.jwkgate.kong.pdk.bridge;

/**
 * Calls one Kong PDK function for the event being handled: sends the method name and the encoded
 * argument message, and returns Kong's encoded result.
 *
 * <p>Failures of the connection to Kong surface as {@link java.io.UncheckedIOException}: the
 * event cannot continue, and the server drops the connection.
 */
public interface PdkChannel {

    /** Calls {@code method} (e.g. {@code kong.request.get_header}) and waits for its result message. */
    byte[] call(String method, byte[] args);

    /**
     * Calls a method that never returns to the plugin, such as {@code kong.response.exit} in the
     * access phase: Kong yields and answers nothing, so nothing is awaited and the event ends here.
     */
    void callTerminal(String method, byte[] args);

    /** Whether a terminal call was made; no PDK call may follow it. */
    boolean terminated();
}
