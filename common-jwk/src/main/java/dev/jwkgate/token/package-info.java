/**
 * Token validation: {@link dev.jwkgate.token.JwsTokenValidator} runs a compact JWS through parsing
 * ({@code CompactJwsParser}), header policy ({@code HeaderPolicy}), key selection ({@code KeySelector}), the JCA
 * signature check ({@code SignatureVerifier} and one {@code SignatureCheck} per algorithm family) and the claim
 * checks ({@code ClaimValidators}), cheapest first, with an optional verified-token cache
 * ({@code VerifiedTokenCache}) in front. Everything but the validator and its interface is package-private.
 */
package dev.jwkgate.token;
