package dev.jwkgate.result;

/**
 * How every adapter answers a refused token: status, {@code WWW-Authenticate} and a small JSON body.
 *
 * <p>This is the only place reason codes become HTTP, so Kong, APISIX and any other adapter answer
 * alike. The client learns the reason code and the RFC 6750 error, never the detailed message, which
 * stays in the log.
 */
public record HttpRejection(int status, String wwwAuthenticate, String contentType, String body) {

    /** The answer to jwkgate's own failure: 500, no challenge, reason {@code internal_error}; the same everywhere. */
    public static HttpRejection internalError() {
        return of(ReasonCode.INTERNAL_ERROR, null);
    }

    public static HttpRejection of(ReasonCode reason, String realm) {
        StringBuilder challenge = new StringBuilder("Bearer");
        String separator = " ";
        if (realm != null && !realm.isEmpty()) {
            challenge.append(separator).append("realm=\"").append(quoted(realm)).append('"');
            separator = ", ";
        }
        if (reason.bearerError() != null) {
            challenge.append(separator).append("error=\"").append(reason.bearerError().value()).append('"');
        }
        // 500 is our own failure, not a challenge to the client; 503 still tells it how to authenticate
        String wwwAuthenticate = reason.httpStatus() == 500 ? null : challenge.toString();
        String body = "{\"error\":\"" + errorName(reason) + "\",\"reason\":\"" + reason.code() + "\"}";
        return new HttpRejection(reason.httpStatus(), wwwAuthenticate, "application/json", body);
    }

    private static String errorName(ReasonCode reason) {
        if (reason.bearerError() != null) {
            return reason.bearerError().value();
        }
        switch (reason.httpStatus()) {
            case 401:
                return "unauthorized";
            case 503:
                return "temporarily_unavailable";
            default:
                return "server_error";
        }
    }

    /** RFC 7230 quoted-string: escape backslash and quote, drop control characters. */
    private static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c != 0x7f) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
