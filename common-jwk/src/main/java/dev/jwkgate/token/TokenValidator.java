package dev.jwkgate.token;

import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.source.KeySetSource;

/** Validates compact JWS tokens against one configuration; immutable and thread-safe, built once. */
public interface TokenValidator {

    /** Never throws for bad input: every refusal is a {@link ValidationResult} with a reason code. */
    ValidationResult validate(String token);

    /** The key source this validator checks signatures with (shared with other validators of the same URL). */
    KeySetSource keySource();
}
