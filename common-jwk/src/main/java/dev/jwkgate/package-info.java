/**
 * The composition root of the core: {@link dev.jwkgate.JwkGate} builds a validator from a configuration,
 * {@link dev.jwkgate.SourceSettings} reads what the configuration says about keys once, and
 * {@link dev.jwkgate.KeySourceRegistry} builds key sources from it and shares remote ones per JVM. Every other
 * package is one concept below it: {@code token} (the pipeline), {@code jws}, {@code claims}, {@code json},
 * {@code keys}, {@code source}, {@code net}, {@code config}, {@code result}, {@code audit}.
 */
package dev.jwkgate;
