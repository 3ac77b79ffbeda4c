package dev.jwkgate.token;

import dev.jwkgate.audit.CorrelatedRequest;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.source.KeySetSource;

/** Validates compact JWS tokens against one configuration; immutable and thread-safe, built once. */
public interface TokenValidator {

    /** Never throws for bad input: every refusal is a {@link ValidationResult} with a reason code. */
    ValidationResult validate(String token);

    /**
     * {@link #validate(String)} for a gateway request: a refusal's audit event names the request, so its log line can
     * carry the gateway's request id.
     */
    default ValidationResult validate(String token, CorrelatedRequest request) {
        return validate(token);
    }

    /** The key source this validator checks signatures with (shared with other validators of the same URL). */
    KeySetSource keySource();
}
