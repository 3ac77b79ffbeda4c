/**
 * The claims of a verified token ({@link dev.jwkgate.claims.ClaimSet}, with RFC 7519 NumericDates) and the checks
 * a configuration asks for ({@link dev.jwkgate.claims.ClaimValidators}: issuer, audience, time, presence, scope).
 */
package dev.jwkgate.claims;
