package dev.jwkgate.gateway;

/**
 * Which request header names an upstream application reads as one name.
 *
 * <p>Gateways (nginx) match header names ignoring ASCII case. Applications behind them often go further: CGI
 * (RFC 3875 §4.1.18) turns {@code X-User-Id} into the variable {@code HTTP_X_USER_ID}, upper-casing the name and
 * replacing {@code -} with {@code _}, and WSGI (PEP 3333), PHP's {@code $_SERVER} and Rack's {@code env} follow
 * it. There {@code x_user_id}, {@code X-User_Id} and {@code X-USER-ID} are one variable. Kong and APISIX both
 * pass such names upstream: their nginx configurations set {@code underscores_in_headers on}. So a client copy
 * of a forwarded header is every header whose name has the same {@link #key}.
 */
final class UpstreamHeaderName {

    private UpstreamHeaderName() {
    }

    /**
     * The name as an upstream compares it: ASCII letters lower-cased, {@code _} written {@code -}. Header names
     * are ASCII tokens (RFC 9110 §5.1); other characters are kept, so they only ever match themselves.
     */
    static String key(String name) {
        StringBuilder key = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char k = c == '_' ? '-' : c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (k != c && key == null) {
                key = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (key != null) {
                key.append(k);
            }
        }
        return key == null ? name : key.toString();
    }

    /** Whether a gateway treats the two names as one header: equal ignoring ASCII case. */
    static boolean sameHeader(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether another spelling could have the same {@link #key} than a case change: only with {@code -} or {@code _}. */
    static boolean hasSeparator(String name) {
        return name.indexOf('-') >= 0 || name.indexOf('_') >= 0;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
