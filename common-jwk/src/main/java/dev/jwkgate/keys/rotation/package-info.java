/**
 * Signing-key rotation (for the Keycloak provider): the state machine {@link dev.jwkgate.keys.rotation.RotationEngine}
 * moves each key from published to active to retired to removed as the {@link dev.jwkgate.keys.rotation.RotationPolicy}
 * says, never letting a key sign before it has been in the JWKS for the full lead nor leave it before the
 * {@link dev.jwkgate.keys.rotation.RetirementGrace} ends; {@link dev.jwkgate.keys.rotation.GeneratedKeys} makes the keys,
 * {@link dev.jwkgate.keys.rotation.PrivateKeyStorage} keeps their private halves at rest (optionally AES-256-GCM sealed),
 * and {@link dev.jwkgate.keys.rotation.RotationStateCodec} stores it all as one JSON value.
 */
package dev.jwkgate.keys.rotation;
