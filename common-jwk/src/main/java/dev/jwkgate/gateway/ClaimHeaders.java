package dev.jwkgate.gateway;

import dev.jwkgate.result.VerifiedToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jose4j.json.JsonUtil;

/**
 * Turns verified claims into upstream headers ({@code forward_claims}).
 *
 * <p>Values are rendered as text (arrays comma-separated, objects as JSON) with control characters
 * removed, so a claim can never split or inject a header.
 */
final class ClaimHeaders {

    // Everything that depends only on the configuration is worked out here, once per route, not per request.
    private final String[] claims;
    private final String[] headers;
    private final Set<String> headerNames;

    ClaimHeaders(Map<String, String> claimToHeader) {
        Map<String, String> copy = Map.copyOf(claimToHeader);
        this.claims = new String[copy.size()];
        this.headers = new String[claims.length];
        int i = 0;
        for (Map.Entry<String, String> forwarded : copy.entrySet()) {
            claims[i] = forwarded.getKey();
            headers[i++] = forwarded.getValue();
        }
        this.headerNames = Set.copyOf(copy.values().stream().map(h -> h.toLowerCase(Locale.ROOT))
                .flatMap(h -> underscoreSpellings(h).stream()).distinct().toList());
    }

    /**
     * Lower-case names of every forwarded header, each also spelled with {@code _} for any of its {@code -}: client-sent
     * copies are always removed. Both APISIX and Kong pass header names with underscores upstream (their nginx templates
     * set {@code underscores_in_headers on}), and an upstream that reads headers CGI-style sees {@code X_User_Id} and
     * {@code X-User-Id} as one variable, {@code HTTP_X_USER_ID} (RFC 3875 §4.1.18), so either spelling is a copy.
     */
    Set<String> headerNames() {
        return headerNames;
    }

    /** {@code name} with each {@code -} kept or written as {@code _}: 2^k spellings for k hyphens, {@code name} first. */
    static List<String> underscoreSpellings(String name) {
        List<String> spellings = new ArrayList<>(List.of(name));
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '-') {
                int at = i;
                List<String> underscored = spellings.stream()
                        .map(s -> s.substring(0, at) + '_' + s.substring(at + 1)).toList();
                spellings.addAll(underscored);
            }
        }
        return spellings;
    }

    /** Header name to value for the claims the token has (an immutable map). */
    Map<String, String> headersFor(VerifiedToken token) {
        Map<String, Object> verified = token.claims();
        if (claims.length == 1) { // the common case, without the intermediate map
            Object value = verified.get(claims[0]);
            return value == null ? Map.of() : Map.of(headers[0], withoutControlCharacters(render(value)));
        }
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (int i = 0; i < claims.length; i++) {
            Object value = verified.get(claims[i]);
            if (value != null) {
                forwarded.put(headers[i], withoutControlCharacters(render(value)));
            }
        }
        return Map.copyOf(forwarded);
    }

    private static String render(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof List) {
            return ((List<?>) value).stream().map(ClaimHeaders::render).collect(Collectors.joining(","));
        }
        if (value instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> object = (Map<String, ?>) value;
            return JsonUtil.toJson(object);
        }
        if (value instanceof Double && ((Double) value) == Math.rint((Double) value) && !((Double) value).isInfinite()) {
            return Long.toString(((Double) value).longValue());
        }
        return String.valueOf(value);
    }

    private static String withoutControlCharacters(String value) {
        int first = 0;
        while (first < value.length() && !isControl(value.charAt(first))) {
            first++;
        }
        if (first == value.length()) {
            return value; // nothing to remove: no copy
        }
        StringBuilder out = new StringBuilder(value.length()).append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }
}
