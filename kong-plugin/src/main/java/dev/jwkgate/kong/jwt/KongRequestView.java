package dev.jwkgate.kong.jwt;

import dev.jwkgate.gateway.GatewayRequest;
import dev.jwkgate.kong.pdk.Kong;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request as the core sees it, read from Kong on first use and kept for the event: each PDK
 * call is a round trip on the socket, so only what the core asks for is fetched, once.
 */
final class KongRequestView implements GatewayRequest {

    /** The most header lines or query arguments {@code get_headers}/{@code get_query} hand over: Kong's own bound. */
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
        return headers().getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** {@code kong.client.get_credential()}: asked only with {@code anonymous} set, one round trip. */
    @Override
    public boolean authenticatedEarlier() {
        return kong.client.getCredential() != null;
    }

    @Override
    public Collection<String> headerNames() {
        return headers().keySet();
    }

    @Override
    public int headerLineCount() {
        return count(headers());
    }

    /** Read through get_query, since get_query_arg fails inside Kong for a bare {@code ?name}. */
    @Override
    public List<String> queryParamValues(String name) {
        return query().getOrDefault(name, List.of());
    }

    @Override
    public int queryArgumentCount() {
        return count(query());
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

    private Map<String, List<String>> headers() {
        if (headers == null) {
            headers = kong.request.getHeaders(MAX_ARGS);
        }
        return headers;
    }

    private Map<String, List<String>> query() {
        if (query == null) {
            query = kong.request.getQuery(MAX_ARGS);
        }
        return query;
    }

    /** Lines read: every value of a repeated name counts, as it does for Kong's cap. */
    private static int count(Map<String, List<String>> table) {
        int lines = 0;
        for (List<String> values : table.values()) {
            lines += values.size();
        }
        return lines;
    }
}
