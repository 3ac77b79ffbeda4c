package dev.jwkgate.gateway;

/**
 * A token found in a request, and where, so it can be stripped before forwarding.
 *
 * @param name the header, query parameter or cookie name it was found under (header names lower-case)
 */
public record LocatedToken(String token, Where where, String name) {

    /** The three places a gateway looks for a token. */
    public enum Where { HEADER, QUERY_PARAM, COOKIE }
}
