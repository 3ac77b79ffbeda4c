package dev.jwkgate.demo.front;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * The demo's upstream service: it answers every request the gateway lets through with 200 and, as JSON, the
 * request as it arrived upstream (its headers after the plugin, and its query when it has one), so a client
 * sees what the plugin forwarded and removed.
 */
public final class EchoUpstream {

    private EchoUpstream() {
    }

    /**
     * @param headers the request's headers as the gateway proxies them (names are shown lower-case, as HTTP
     *                compares them; a repeated name shows as a list)
     * @param query   the query string sent upstream, or empty
     */
    public static FrontResponse answer(String gateway, String route, List<Header> headers, String query) {
        Map<String, Object> seen = new LinkedHashMap<>();
        for (Header header : headers) {
            String name = header.name().toLowerCase(Locale.ROOT);
            Object earlier = seen.get(name);
            if (earlier == null) {
                seen.put(name, header.value());
            } else {
                List<Object> values = earlier instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(earlier));
                values.add(header.value());
                seen.put(name, values);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gateway", gateway);
        body.put("route", route);
        body.put("upstream_headers", seen);
        if (!query.isEmpty()) {
            body.put("upstream_query", query);
        }
        return new FrontResponse(200, List.of(new Header("Content-Type", "application/json")),
                (JsonUtil.toJson(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
