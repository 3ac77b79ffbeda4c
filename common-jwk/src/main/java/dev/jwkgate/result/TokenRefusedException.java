package dev.jwkgate.result;

/**
 * Carries a {@link Refusal} out of a pipeline stage. Stackless: refusing hostile input is the
 * normal case, so it must cost no more than returning a value.
 */
public final class TokenRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;

    TokenRefusedException(Refusal refusal) {
        super(refusal.message(), null, false, false);
        this.refusal = refusal;
    }

    public static TokenRefusedException of(ReasonCode reason, String message) {
        return new TokenRefusedException(new Refusal(reason, message));
    }

    public Refusal refusal() {
        return refusal;
    }
}
