/**
 * Public keys prepared once, when they enter a key set, for a faster verification than the JDK's
 * ({@link dev.jwkgate.jws.engine.Ed25519PublicKey}, {@link dev.jwkgate.jws.engine.EcdsaPublicKey}); in every other
 * respect each is the JDK key it wraps.
 */
package dev.jwkgate.jws.engine;
