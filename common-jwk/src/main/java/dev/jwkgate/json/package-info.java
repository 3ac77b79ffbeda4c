/**
 * Strict reading of untrusted JSON and base64url: {@code JsonObjectParser} (RFC 8259, no duplicate member names,
 * bounded depth) behind {@link dev.jwkgate.json.StrictJson}, canonical {@link dev.jwkgate.json.Base64Url},
 * the depth count {@link dev.jwkgate.json.JsonLimits} and the UTF-8 length {@link dev.jwkgate.json.Utf8}.
 */
package dev.jwkgate.json;
