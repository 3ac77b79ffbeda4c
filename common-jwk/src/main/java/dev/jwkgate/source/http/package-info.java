/** The transport of JWKS and discovery requests: HTTPS rules, timeouts, no redirects, capped bodies, TLS stores. */
package dev.jwkgate.source.http;
