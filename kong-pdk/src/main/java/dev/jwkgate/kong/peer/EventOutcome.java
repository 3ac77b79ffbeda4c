package dev.jwkgate.kong.peer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How one HandleEvent ended, seen from Kong.
 *
 * @param kind       how it ended
 * @param exitStatus the status passed to {@code kong.response.exit}, when it exited
 * @param exitBody   the body passed to exit
 * @param exitHeaders the headers passed to exit
 * @param error      Kong's error text when the request failed with 500 inside Kong
 */
public record EventOutcome(Kind kind, int exitStatus, byte[] exitBody, Map<String, String> exitHeaders, String error) {

    /** The ways pb_rpc.lua's bridge loop can end. */
    public enum Kind {
        /** 0-length frame, then the RpcReturn with the echoed sequence: the request goes on upstream. */
        COMPLETED,
        /** {@code kong.response.exit}: Kong yields and never answers; the client gets the exit response. */
        EXITED,
        /** The server closed without a frame: Kong resets the instance and retries. */
        CLOSED,
        /** Kong failed the request itself (unknown method, Lua error): the client gets 500. */
        KONG_ERROR
    }

    static EventOutcome completed() {
        return new EventOutcome(Kind.COMPLETED, 0, null, Map.of(), null);
    }

    static EventOutcome exited(int status, byte[] body, Map<String, String> headers) {
        return new EventOutcome(Kind.EXITED, status, body, headers, null);
    }

    static EventOutcome closed() {
        return new EventOutcome(Kind.CLOSED, 0, null, Map.of(), "closed");
    }

    static EventOutcome kongError(String error) {
        return new EventOutcome(Kind.KONG_ERROR, 0, null, Map.of(), error);
    }

    /** The exit body as UTF-8 text, or null when the event did not exit. */
    public String body() {
        return exitBody == null ? null : new String(exitBody, StandardCharsets.UTF_8);
    }
}
