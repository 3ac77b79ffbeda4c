package dev.jwkgate.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An in-memory request for gateway policy tests. */
final class FakeRequest implements GatewayRequest {
    private final Map<String, List<String>> headers = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private String method = "GET";

    FakeRequest header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        return this;
    }

    FakeRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    FakeRequest method(String method) {
        this.method = method;
        return this;
    }

    @Override
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public String queryParam(String name) {
        return query.get(name);
    }

    @Override
    public String method() {
        return method;
    }
}
