package dev.jwkgate.jws;

/**
 * The parts of an accepted JOSE header that later steps use.
 *
 * @param keyId the {@code kid}, or null when the header has none (only with {@code allow_missing_kid})
 */
public record JwsHeader(JwsAlgorithm algorithm, String keyId) {
}
