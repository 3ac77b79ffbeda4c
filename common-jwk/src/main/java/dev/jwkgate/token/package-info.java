/**
 * The validation pipeline: {@link dev.jwkgate.token.JwsTokenValidator} runs a compact JWS through parsing and
 * header policy ({@code dev.jwkgate.jws}), key selection ({@code KeySelector}, with
 * {@code TrustedKey.whyUnfitFor} checking the key's material), the signature check ({@code SignatureVerifier} over {@code dev.jwkgate.jws.SignatureChecks})
 * and the claim checks ({@code dev.jwkgate.claims}), cheapest first, with an optional verified-token cache
 * ({@code VerifiedTokenCache}) in front. Everything but the validator and its interface is package-private.
 */
package dev.jwkgate.token;
