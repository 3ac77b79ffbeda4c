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
 * {@code x-token}) counts as a second copy. The same holds for a query parameter or a cookie of a token name sent
 * twice ({@code ?jwt=a&jwt=b}: the gateway would check one, an upstream may read the other), and for a request
 * a gateway may have read only in part ({@link ReadCaps}).
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
        if (request.headerLineCount() >= ReadCaps.HEADER_LINES) {
            throw new AmbiguousTokenException("the request has " + ReadCaps.HEADER_LINES
                    + " or more header lines, more than every gateway hands over in full");
        }
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
        if (!queryParams.isEmpty() && request.queryArgumentCount() >= ReadCaps.QUERY_ARGUMENTS) {
            throw new AmbiguousTokenException("the request has " + ReadCaps.QUERY_ARGUMENTS
                    + " or more query arguments, more than every gateway hands over in full");
        }
        for (String param : queryParams) {
            Optional<String> value = single(request.queryParamValues(param), "query parameter " + param);
            if (value.isPresent()) {
                return Optional.of(new LocatedToken(value.get(), LocatedToken.Where.QUERY_PARAM, param));
            }
        }
        for (String cookie : cookies) {
            Optional<String> value = single(Cookies.values(request.headerValues("cookie"), cookie), "cookie " + cookie);
            if (value.isPresent()) {
                return Optional.of(new LocatedToken(value.get(), LocatedToken.Where.COOKIE, cookie));
            }
        }
        return Optional.empty();
    }

    /** The one non-empty value; a carrier sent twice is ambiguous, as an upstream may read either copy. */
    private static Optional<String> single(List<String> values, String carrier) throws AmbiguousTokenException {
        if (values.size() > 1) {
            throw new AmbiguousTokenException(carrier + " was sent " + values.size() + " times");
        }
        return values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
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
