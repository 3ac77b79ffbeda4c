package dev.jwkgate.kong.pdk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * What the server answers, through {@code kong.response.exit}, when a plugin cannot handle an event: its
 * configuration was refused, or a handler threw. Never a pass: the server fails closed.
 *
 * @param status  the HTTP status
 * @param body    the response body
 * @param headers the response headers
 */
public record FailureAnswer(int status, byte[] body, Map<String, String> headers) {

    /**
     * Kong's own answer to an unexpected error ({@code kong/error_handlers.lua}: 500,
     * {@code {"message":"An unexpected error occurred"}}), used unless the plugin gives its own.
     */
    public static final FailureAnswer KONG_DEFAULT = new FailureAnswer(500,
            "{\"message\":\"An unexpected error occurred\"}".getBytes(StandardCharsets.UTF_8),
            Map.of("Content-Type", "application/json; charset=utf-8"));

    public FailureAnswer {
        body = body.clone();
        headers = Map.copyOf(headers);
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("a failure answer is a 5xx status, not " + status);
        }
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FailureAnswer that && status == that.status && Arrays.equals(body, that.body)
                && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, Arrays.hashCode(body), headers);
    }

    @Override
    public String toString() {
        return "FailureAnswer[" + status + ", " + new String(body, StandardCharsets.UTF_8) + "]";
    }
}
