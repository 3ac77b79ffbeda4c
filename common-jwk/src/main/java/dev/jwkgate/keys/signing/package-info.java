/**
 * Import of private JWKs as signing keys (for the Keycloak provider): the public half passes the ingestion rules,
 * the private half must match it, and a sign-and-verify self-test runs before
 * {@link dev.jwkgate.keys.signing.SigningKeyImporter} hands the key out.
 */
package dev.jwkgate.keys.signing;
