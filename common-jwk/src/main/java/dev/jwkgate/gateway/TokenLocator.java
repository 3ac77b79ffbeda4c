package dev.jwkgate.gateway;

import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the bearer token in a request: the configured headers first, then query parameters, then cookies.
 *
 * <p>An {@code Authorization} header only counts with the {@code Bearer} scheme (another scheme, e.g.
 * Basic, is not a token for us). A header sent twice is ambiguous and refused: two gateways might pick
 * different copies. A copy under another spelling an upstream reads as the same name ({@code x_token} for
 * {@code x-token}) counts as a second copy.
 */
public final class TokenLocator {

    private static final String AUTHORIZATION = "authorization";
    private static final String BEARER = "bearer ";

    private final List<String> headers;
    private final List<String> queryParams;
    private final List<String> cookies;

    public TokenLocator(JwkGateConfig config) {
        this.headers = config.stringList(Setting.TOKEN_HEADERS).stream()
                .map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.queryParams = config.stringList(Setting.TOKEN_QUERY_PARAMS);
        this.cookies = config.stringList(Setting.TOKEN_COOKIES);
    }

    /** The token, empty when none was presented. */
    public Optional<LocatedToken> locate(GatewayRequest request) throws AmbiguousTokenException {
        for (String header : headers) {
            List<String> values = valuesUnderAnySpelling(request, header);
            if (values.size() > 1) {
                throw new AmbiguousTokenException("header " + header + " was sent " + values.size() + " times");
            }
            if (values.isEmpty()) {
                continue;
            }
            String token = fromHeaderValue(header, values.get(0).trim());
            if (token != null && !token.isEmpty()) {
                return Optional.of(new LocatedToken(token, LocatedToken.Where.HEADER, header));
            }
        }
        for (String param : queryParams) {
            String value = request.queryParam(param);
            if (value != null && !value.isEmpty()) {
                return Optional.of(new LocatedToken(value, LocatedToken.Where.QUERY_PARAM, param));
            }
        }
        for (String cookie : cookies) {
            String value = Cookies.find(request.headerValues("cookie"), cookie);
            if (value != null && !value.isEmpty()) {
                return Optional.of(new LocatedToken(value, LocatedToken.Where.COOKIE, cookie));
            }
        }
        return Optional.empty();
    }

    /**
     * The header's values, with those of every header an upstream reads as the same name ({@code x_token} for
     * {@code x-token}; see {@link UpstreamHeaderName}): such a copy is a second token the upstream may read.
     */
    private static List<String> valuesUnderAnySpelling(GatewayRequest request, String header) {
        List<String> values = request.headerValues(header);
        if (!UpstreamHeaderName.hasSeparator(header)) {
            return values; // only case can differ, and headerValues already ignores it
        }
        String key = UpstreamHeaderName.key(header);
        List<String> all = null;
        for (String name : request.headerNames()) {
            if (!UpstreamHeaderName.sameHeader(name, header) && UpstreamHeaderName.key(name).equals(key)) {
                if (all == null) {
                    all = new ArrayList<>(values);
                }
                all.addAll(request.headerValues(name));
            }
        }
        return all == null ? values : all;
    }

    private static String fromHeaderValue(String header, String value) {
        boolean bearer = value.length() > BEARER.length()
                && value.regionMatches(true, 0, BEARER, 0, BEARER.length());
        if (bearer) {
            return value.substring(BEARER.length()).trim();
        }
        // Authorization carries a scheme; any other header may carry the bare token
        return header.equals(AUTHORIZATION) ? null : value;
    }

    /** The same token location was sent more than once. */
    public static final class AmbiguousTokenException extends Exception {
        public AmbiguousTokenException(String message) {
            super(message);
        }
    }
}
