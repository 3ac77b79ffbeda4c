package dev.jwkgate.bench;

/** One contender's full validation of a token: returns the claims, throws when the token is refused. */
@FunctionalInterface
public interface TokenCheck {
    Object check(String token) throws Exception;
}
