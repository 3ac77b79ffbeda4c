package dev.jwkgate.kong.jwt;

import dev.jwkgate.gateway.GatewayRequest;
import dev.jwkgate.kong.pdk.Kong;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request as the core sees it, read from Kong on first use and kept for the event: each PDK
 * call is a round trip on the socket, so only what the core asks for is fetched, once.
 */
final class KongRequestView implements GatewayRequest {

    /** Kong's upper bound for get_headers/get_query; beyond it a missed token header only means 401. */
    static final int MAX_ARGS = 1000;
    /** The nginx variable behind {@code kong.request.get_id()} (Kong's {@code kong/tracing/request_id.lua}). */
    static final String REQUEST_ID_VARIABLE = "kong_request_id";

    private final Kong kong;
    private Map<String, List<String>> headers;
    private Map<String, List<String>> query;
    private String method;
    private String requestId;

    KongRequestView(Kong kong) {
        this.kong = kong;
    }

    @Override
    public List<String> headerValues(String name) {
        if (headers == null) {
            headers = kong.request.getHeaders(MAX_ARGS);
        }
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Read through get_query, since get_query_arg fails inside Kong for a bare {@code ?name}. */
    @Override
    public String queryParam(String name) {
        if (query == null) {
            query = kong.request.getQuery(MAX_ARGS);
        }
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Kong's {@code $kong_request_id} (Kong 3.5 and later), the value of {@code kong.request.get_id()} and of the
     * {@code X-Kong-Request-Id} header Kong adds: {@code get_id} itself is not in Kong's plugin socket protocol, but
     * it only reads this nginx variable. Read once, and only when an audit line is written.
     */
    @Override
    public String requestId() {
        if (requestId == null) {
            requestId = kong.nginx.getVar(REQUEST_ID_VARIABLE);
        }
        return requestId.isEmpty() ? null : requestId;
    }

    @Override
    public String method() {
        if (method == null) {
            method = kong.request.getMethod();
        }
        return method;
    }
}
