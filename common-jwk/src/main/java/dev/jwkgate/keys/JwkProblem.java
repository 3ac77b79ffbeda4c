package dev.jwkgate.keys;

/**
 * One JWK broke a rule; the message names the rule and the member, never a key value.
 *
 * <p>Public only for {@code keys.signing}, which shares the key rules: ingestion turns it into a {@link KeyRefusal}, the importer into a
 * {@code KeyImportException}.
 */
public final class JwkProblem extends Exception {

    private static final long serialVersionUID = 1L;

    public JwkProblem(String message) {
        // no cause and no stack trace: the message is the whole story, and causes from parsers may quote input
        super(message, null, false, false);
    }
}
