package dev.jwkgate.demo.front;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the client gets: status, headers (in order, repeated names allowed) and body, written unchanged; the
 * front adds only {@code Content-Length} and {@code Connection: close}.
 */
public record FrontResponse(int status, List<Header> headers, byte[] body) {

    public FrontResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** A JSON answer of the demo itself (an unknown route, an unreachable plugin). */
    public static FrontResponse json(int status, String json) {
        return new FrontResponse(status, List.of(new Header("Content-Type", "application/json")),
                (json + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
