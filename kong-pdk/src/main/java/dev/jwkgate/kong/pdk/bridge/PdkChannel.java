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
     * Calls a method whose result the plugin never reads (a setter, a log line, {@code kong.client.authenticate})
     * without waiting for that result: the call travels with the next one that is awaited or with the end of the
     * event, so it costs no round trip of its own. Kong runs the calls of an event one after another in the
     * order sent, so nothing changes but the waiting. A Lua error in such a call fails the request inside Kong
     * with 500, as it would have when awaited; the plugin then learns it from the connection, at its next awaited
     * call or never.
     */
    default void send(String method, byte[] args) {
        call(method, args);
    }

    /**
     * Calls a method that never returns to the plugin, such as {@code kong.response.exit} in the
     * access phase: Kong yields and answers nothing, so nothing is awaited and the event ends here.
     */
    void callTerminal(String method, byte[] args);

    /** Whether a terminal call was made; no PDK call may follow it. */
    boolean terminated();
}
