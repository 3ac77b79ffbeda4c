package dev.jwkgate.gateway;

/**
 * How much of a request the gateways hand over, and so when the core cannot be sure it saw all of it.
 *
 * <p>APISIX hands a runner the headers {@code ngx.req.get_headers()} reads, which stops at 100 lines and silently
 * drops the rest (lua-nginx-module's default, which APISIX's ext-plugin keeps); it reads every query argument
 * ({@code get_uri_args(0)}). Kong's PDK reads at most 1,000 header lines and 1,000 query arguments
 * ({@code kong.request.get_headers}/{@code get_query}). What was dropped could hold a second token or a client
 * copy of a forwarded header, so a request at a cap is refused as ambiguous; and the smallest cap applies on every
 * gateway, so Kong and APISIX answer the same request alike.
 */
final class ReadCaps {

    /** A request with this many header lines (each value of a repeated header counts) is refused. */
    static final int HEADER_LINES = 100;

    /** With token query parameters configured, a request with this many query arguments is refused. */
    static final int QUERY_ARGUMENTS = 1_000;

    private ReadCaps() {
    }
}
