package dev.jwkgate.gateway;

import dev.jwkgate.result.VerifiedToken;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.json.JsonUtil;

/**
 * Turns verified claims into upstream headers ({@code forward_claims}).
 *
 * <p>Values are rendered as text (arrays comma-separated, objects as JSON) with control characters
 * removed, so a claim can never split or inject a header.
 */
final class ClaimHeaders {

    private final Map<String, String> claimToHeader;

    ClaimHeaders(Map<String, String> claimToHeader) {
        this.claimToHeader = Map.copyOf(claimToHeader);
    }

    /** Lower-case names of every forwarded header: client-sent copies are always removed. */
    List<String> headerNames() {
        return claimToHeader.values().stream().map(h -> h.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** Header name to value for the claims the token has. */
    Map<String, String> headersFor(VerifiedToken token) {
        Map<String, String> headers = new LinkedHashMap<>();
        claimToHeader.forEach((claim, header) -> {
            Object value = token.claims().get(claim);
            if (value != null) {
                headers.put(header, withoutControlCharacters(render(value)));
            }
        });
        return headers;
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
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != 0x7f) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
