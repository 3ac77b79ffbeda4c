package dev.jwkgate.result;

/**
 * How every adapter answers a refused token: status, {@code WWW-Authenticate} and a small JSON body.
 *
 * <p>This is the only place reason codes become HTTP, so Kong, APISIX and any other adapter answer
 * alike. The body has the shape both gateways' own plugins answer with, {@code {"message": "..."}} (Kong
 * {@code jwt}: {@code {"message":"Unauthorized"}} for a request without a token; APISIX {@code jwt-auth}:
 * {@code {"message": <why>}}), with jwkgate's reason code beside it:
 * {@code {"message":"Unauthorized","reason":"bad_signature"}}. The message is the status's fixed text, never
 * the detailed refusal, which stays in the log; the RFC 6750 error is in {@code WWW-Authenticate}.
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
        String body = "{\"message\":\"" + message(reason.httpStatus()) + "\",\"reason\":\"" + reason.code() + "\"}";
        return new HttpRejection(reason.httpStatus(), wwwAuthenticate, "application/json", body);
    }

    /**
     * The fixed text for a status: 401 is Kong {@code jwt}'s {@code "Unauthorized"}, 403 Kong {@code openid-connect}'s
     * default {@code forbidden_error_message} {@code "Forbidden"}, 500 Kong's own answer to an unexpected error
     * ({@code kong/error_handlers.lua}), so a client of either gateway reads the text it already knows.
     */
    static String message(int status) {
        switch (status) {
            case 401:
                return "Unauthorized";
            case 403:
                return "Forbidden";
            case 503:
                return "Service Unavailable";
            default:
                return "An unexpected error occurred";
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
