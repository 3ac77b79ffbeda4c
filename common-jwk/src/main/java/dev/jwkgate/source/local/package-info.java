/** Key sets fixed by configuration: {@code jwks}, {@code jwks_file} and {@code hmac_secrets}. */
package dev.jwkgate.source.local;
