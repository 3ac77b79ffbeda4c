package dev.jwkgate.demo.front;

import java.net.InetAddress;
import java.util.List;

/**
 * One client request as the front read it off the wire, before any gateway saw it.
 *
 * @param method   the request method, as sent
 * @param path     the request target's path, still percent-encoded
 * @param rawQuery the query string after {@code ?}, still encoded; empty when there is none
 * @param headers  every header line, in the order received, repeated names included
 * @param client   the client's address
 */
public record FrontRequest(String method, String path, String rawQuery, List<Header> headers, InetAddress client) {

    public FrontRequest {
        headers = List.copyOf(headers);
    }
}
