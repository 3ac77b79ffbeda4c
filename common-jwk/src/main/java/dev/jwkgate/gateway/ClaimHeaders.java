package dev.jwkgate.gateway;

import dev.jwkgate.audit.LogText;
import dev.jwkgate.claims.ClaimPath;
import dev.jwkgate.config.ConfigException;
import dev.jwkgate.result.VerifiedToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jose4j.json.JsonUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns verified claims into upstream headers ({@code forward_claims}: {@link ClaimPath} to header name, so a
 * nested claim such as {@code realm_access.roles} is forwarded like a top-level one).
 *
 * <p>Values are rendered as text (arrays comma-separated, objects as JSON) with control characters
 * removed, so a claim can never split or inject a header. A number that cannot be written exactly is not
 * forwarded (see {@link #render}). Two forwarded headers an upstream would read as one
 * name are refused when the configuration is read.
 */
final class ClaimHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimHeaders.class);

    /** 2^53: below it every whole number is a double, so a whole double there is exactly the token's number. */
    private static final double EXACT_DOUBLE_LIMIT = 9_007_199_254_740_992d;

    // Everything that depends only on the configuration is worked out here, once per route, not per request.
    private final ClaimPath[] claims;
    private final String[] headers;
    /** {@link UpstreamHeaderName#key}s of the forwarded headers, for finding client copies under any spelling. */
    private final Set<String> keys;
    /** Whether a client copy can be spelled other than by case: only when a forwarded name has - or _. */
    private final boolean anySeparator;

    ClaimHeaders(Map<String, String> claimToHeader) {
        Map<String, String> copy = Map.copyOf(claimToHeader);
        this.claims = new ClaimPath[copy.size()];
        this.headers = new String[claims.length];
        int i = 0;
        for (Map.Entry<String, String> forwarded : copy.entrySet()) {
            claims[i] = ClaimPath.parse(forwarded.getKey());
            headers[i++] = forwarded.getValue();
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String header : headers) {
            String other = byKey.putIfAbsent(UpstreamHeaderName.key(header), header);
            if (other != null) {
                problems.add("forward_claims: headers '" + other + "' and '" + header + "' are one header to an "
                        + "upstream (names compare ignoring case, with - and _ alike); forward each claim to its own header");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        this.keys = Set.copyOf(byKey.keySet());
        this.anySeparator = byKey.values().stream().anyMatch(UpstreamHeaderName::hasSeparator);
    }

    boolean isEmpty() {
        return headers.length == 0;
    }

    /**
     * Removes every client-sent copy of a forwarded header: the configured names, and each request header an
     * upstream reads as one of them ({@code x_user_id} for {@code X-User-Id}).
     */
    void removeClientCopies(GatewayRequest request, HeaderChanges changes) {
        for (String header : headers) {
            changes.remove(header.toLowerCase(Locale.ROOT));
        }
        if (!anySeparator) {
            return; // only case can differ, and removing a name removes it in any case
        }
        for (String name : request.headerNames()) {
            if (keys.contains(UpstreamHeaderName.key(name))) {
                changes.remove(name);
            }
        }
    }

    /** Header name to value for the claims the token has (an immutable map). */
    Map<String, String> headersFor(VerifiedToken token) {
        Map<String, Object> verified = token.claims();
        if (claims.length == 1) { // the common case, without the intermediate map
            String value = rendered(claims[0], claims[0].find(verified));
            return value == null ? Map.of() : Map.of(headers[0], value);
        }
        Map<String, String> forwarded = new LinkedHashMap<>();
        for (int i = 0; i < claims.length; i++) {
            String value = rendered(claims[i], claims[i].find(verified));
            if (value != null) {
                forwarded.put(headers[i], value);
            }
        }
        return Map.copyOf(forwarded);
    }

    /** The header value, or null when the claim is absent or holds a number that cannot be written exactly. */
    private static String rendered(ClaimPath claim, Object value) {
        if (value == null) {
            return null;
        }
        String text = render(value);
        if (text == null) {
            LOG.info("claim {} not forwarded: it holds a number with a fraction or beyond 2^53, which cannot be "
                    + "written as the token's exact value", LogText.quote(claim.text()));
            return null;
        }
        return withoutControlCharacters(text);
    }

    /**
     * Text for a claim value; null for a number that cannot be written exactly. The strict parser keeps integer
     * literals as Long or BigInteger, written exactly, and any number with a fraction or an exponent as a Double,
     * whose text is gone: a whole Double below 2^53 is exact and written as an integer ({@code 1e2} as 100); any
     * other Double ({@code 1.5}, {@code 1e19}) is not forwarded rather than written as a different number (such
     * as {@code 1e19} as 9223372036854775807, a long's limit). Objects go as JSON, which keeps their numbers'
     * values.
     */
    private static String render(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof List) {
            StringJoiner joined = new StringJoiner(",");
            for (Object item : (List<?>) value) {
                String text = render(item);
                if (text == null) {
                    return null;
                }
                joined.add(text);
            }
            return joined.toString();
        }
        if (value instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> object = (Map<String, ?>) value;
            return JsonUtil.toJson(object);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return number == Math.rint(number) && Math.abs(number) < EXACT_DOUBLE_LIMIT
                    ? Long.toString((long) number) : null;
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
