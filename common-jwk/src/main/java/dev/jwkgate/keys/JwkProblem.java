package dev.jwkgate.keys;

import dev.jwkgate.keys.signing.KeyImportException;

/**
 * One JWK broke a rule; the message names the rule and the member, never a key value.
 *
 * <p>Internal to the key rules: ingestion turns it into a {@link KeyRefusal}, the importer into a
 * {@link KeyImportException}.
 */
public final class JwkProblem extends Exception {

    private static final long serialVersionUID = 1L;

    public JwkProblem(String message) {
        // no cause and no stack trace: the message is the whole story, and causes from parsers may quote input
        super(message, null, false, false);
    }
}
