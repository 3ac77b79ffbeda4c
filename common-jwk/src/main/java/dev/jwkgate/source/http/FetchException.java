package dev.jwkgate.source.http;

/**
 * One GET of a JWKS or discovery document failed; the message says why (timeout, status, TLS...) and is
 * safe to log: it never holds request header values, response bodies or credentials.
 */
public class FetchException extends Exception {

    public FetchException(String why) {
        super(why);
    }
}
