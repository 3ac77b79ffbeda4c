/**
 * Compact JWS (RFC 7515) and its signatures: the algorithm table {@link dev.jwkgate.jws.JwsAlgorithm}, the curve
 * tables ({@link dev.jwkgate.jws.EcCurve}, {@link dev.jwkgate.jws.EdwardsCurve}), parsing
 * ({@link dev.jwkgate.jws.CompactJwsParser}), the header policy ({@link dev.jwkgate.jws.HeaderPolicy}) and one
 * {@link dev.jwkgate.jws.SignatureCheck} per algorithm family, on JCA engines kept per thread.
 */
package dev.jwkgate.jws;
