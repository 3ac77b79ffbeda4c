/**
 * JWK ingestion: {@link dev.jwkgate.keys.KeyIngestionPolicy} decides which keys of a JWKS are trusted (family
 * strength and curve rules, usage, uniqueness) and yields a {@link dev.jwkgate.keys.KeySet} of
 * {@link dev.jwkgate.keys.TrustedKey}s, with a {@link dev.jwkgate.keys.KeyRefusal} for every key it dropped.
 */
package dev.jwkgate.keys;
