package dev.jwkgate.gateway;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory request for gateway policy tests; header names are kept as given, looked up ignoring case. */
final class FakeRequest implements GatewayRequest {
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, List<String>> query = new HashMap<>();
    private String method = "GET";
    private boolean authenticatedEarlier;

    FakeRequest header(String name, String value) {
        String known = headers.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(name);
        headers.computeIfAbsent(known, k -> new ArrayList<>()).add(value);
        return this;
    }

    FakeRequest query(String name, String value) {
        query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    FakeRequest authenticatedByEarlierPlugin() {
        this.authenticatedEarlier = true;
        return this;
    }

    @Override
    public boolean authenticatedEarlier() {
        return authenticatedEarlier;
    }

    FakeRequest method(String method) {
        this.method = method;
        return this;
    }

    @Override
    public List<String> headerValues(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                .map(Map.Entry::getValue).orElse(List.of());
    }

    @Override
    public Collection<String> headerNames() {
        return headers.keySet();
    }

    @Override
    public List<String> queryParamValues(String name) {
        return query.getOrDefault(name, List.of());
    }

    @Override
    public int headerLineCount() {
        return headers.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public int queryArgumentCount() {
        return query.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public String method() {
        return method;
    }
}
