package dev.jwkgate.result;

import java.util.Objects;

/** The outcome of validating one token: a {@link VerifiedToken}, or a {@link ReasonCode} and message. */
public final class ValidationResult {

    private final VerifiedToken token;
    private final ReasonCode reason;
    private final String message;

    private ValidationResult(VerifiedToken token, ReasonCode reason, String message) {
        this.token = token;
        this.reason = reason;
        this.message = message;
    }

    public static ValidationResult accepted(VerifiedToken token) {
        return new ValidationResult(Objects.requireNonNull(token), null, null);
    }

    /**
     * @param message a precise explanation for logs; must never contain the token, a signature or key material
     */
    public static ValidationResult refused(ReasonCode reason, String message) {
        return new ValidationResult(null, Objects.requireNonNull(reason), Objects.requireNonNull(message));
    }

    public boolean isValid() {
        return token != null;
    }

    /** The verified token; only on success. */
    public VerifiedToken token() {
        if (token == null) {
            throw new IllegalStateException("refused token: " + reason.code());
        }
        return token;
    }

    /** Why the token was refused; only on failure. */
    public ReasonCode reason() {
        if (reason == null) {
            throw new IllegalStateException("token was accepted");
        }
        return reason;
    }

    /** A precise message for the log, never for the client. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return isValid() ? "accepted(kid=" + token.keyId() + ", alg=" + token.algorithm() + ")"
                : "refused(" + reason.code() + ": " + message + ")";
    }
}
