package dev.jwkgate.keys.signing;

/** A private JWK could not be imported as a signing key; the message names the problem, never key material. */
public class KeyImportException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyImportException(String message) {
        super(message);
    }
}
