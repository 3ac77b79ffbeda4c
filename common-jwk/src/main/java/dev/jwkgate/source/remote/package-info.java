/** Remote key sets: loaders (JWKS URL, OIDC discovery) and the cache that serves them to request threads. */
package dev.jwkgate.source.remote;
