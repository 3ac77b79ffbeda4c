package dev.jwkgate.result;

/**
 * Why a token was refused: stable codes for logs, metrics and the JSON body gateways return.
 *
 * <p>Each code fixes the HTTP answer (see {@link HttpRejection}); codes are never renamed, only added.
 */
public enum ReasonCode {
    MISSING_TOKEN("missing_token", 401, null, "No bearer token was presented."),
    MALFORMED("malformed", 401, BearerError.INVALID_TOKEN,
            "Not a compact JWS: wrong number of segments, bad base64url, bad JSON, duplicate member, or a non-JSON payload. Also a request whose token is ambiguous: a token header, query parameter or cookie sent twice, or a request the gateway read only in part."),
    TOO_LARGE("too_large", 401, BearerError.INVALID_TOKEN,
            "The token, its header, its `kid` or its JSON nesting exceeds a configured limit."),
    ENCRYPTED_TOKEN("encrypted_token", 401, BearerError.INVALID_TOKEN,
            "A JWE (five segments); refused without decrypting."),
    UNSUPPORTED_ALGORITHM("unsupported_algorithm", 401, BearerError.INVALID_TOKEN,
            "`alg` is missing, `none` in any spelling, or not in the allow-list."),
    FORBIDDEN_HEADER("forbidden_header", 401, BearerError.INVALID_TOKEN,
            "The header carries `jku`, `x5u`, `jwk`, `x5c` or `b64`."),
    UNSUPPORTED_CRITICAL_HEADER("unsupported_critical_header", 401, BearerError.INVALID_TOKEN,
            "`crit` is malformed or names an extension that is not supported."),
    MISSING_KEY_ID("missing_kid", 401, BearerError.INVALID_TOKEN,
            "The header has no `kid` and `allow_missing_kid` is off."),
    UNKNOWN_KEY("unknown_key", 401, BearerError.INVALID_TOKEN,
            "No usable key of the issuer's set has this `kid` (after at most one rate-limited refresh)."),
    KEY_ALGORITHM_MISMATCH("key_algorithm_mismatch", 401, BearerError.INVALID_TOKEN,
            "The key named by `kid` cannot verify the header's `alg` (wrong family, curve or the key's own `alg`)."),
    REVOKED_KEY("revoked_key", 401, BearerError.INVALID_TOKEN,
            "The `kid` is on the configured deny-list."),
    KEYS_UNAVAILABLE("keys_unavailable", 503, null,
            "The issuer's keys could not be loaded and no usable cached set exists."),
    BAD_SIGNATURE("bad_signature", 401, BearerError.INVALID_TOKEN,
            "The signature does not verify, or has the wrong length or range for the algorithm."),
    EXPIRED("expired", 401, BearerError.INVALID_TOKEN, "`exp` has passed (beyond the clock skew)."),
    NOT_YET_VALID("not_yet_valid", 401, BearerError.INVALID_TOKEN, "`nbf` is in the future (beyond the clock skew)."),
    ISSUED_IN_FUTURE("issued_in_future", 401, BearerError.INVALID_TOKEN, "`iat` is in the future (beyond the clock skew)."),
    TOO_OLD("too_old", 401, BearerError.INVALID_TOKEN, "`iat` is older than `max_token_age_seconds`."),
    LIFETIME_TOO_LONG("lifetime_too_long", 401, BearerError.INVALID_TOKEN,
            "`exp - iat` exceeds `max_token_lifetime_seconds`."),
    WRONG_ISSUER("wrong_issuer", 401, BearerError.INVALID_TOKEN, "`iss` is not the configured issuer."),
    UNKNOWN_ISSUER("unknown_issuer", 401, BearerError.INVALID_TOKEN,
            "`iss` names none of the issuers a route with `additional_issuers` trusts, so no key set may vouch for it."),
    WRONG_AUDIENCE("wrong_audience", 401, BearerError.INVALID_TOKEN, "`aud` names none of the configured audiences."),
    WRONG_TYPE("wrong_type", 401, BearerError.INVALID_TOKEN, "Header `typ` is not the required type."),
    MISSING_CLAIM("missing_claim", 401, BearerError.INVALID_TOKEN, "A required claim (or `exp`) is absent."),
    INVALID_CLAIM("invalid_claim", 401, BearerError.INVALID_TOKEN,
            "A claim has the wrong JSON type (e.g. `exp` not a number, `aud` not a string or array), or a registered "
                    + "or required claim is `null`."),
    INSUFFICIENT_SCOPE("insufficient_scope", 403, BearerError.INSUFFICIENT_SCOPE,
            "A required scope, or a required claim value (`claims_any_of`), is missing."),
    UNKNOWN_CONSUMER("unknown_consumer", 401, BearerError.INVALID_TOKEN,
            "Kong: no consumer matches the `consumer_claim` (as Kong's `jwt` answers a token of an unknown credential)."),
    INTERNAL_ERROR("internal_error", 500, null, "jwkgate itself failed; the request is refused.");

    private final String code;
    private final int httpStatus;
    private final BearerError bearerError;
    private final String meaning;

    ReasonCode(String code, int httpStatus, BearerError bearerError, String meaning) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.bearerError = bearerError;
        this.meaning = meaning;
    }

    /** The stable snake_case code used in logs and response bodies. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The RFC 6750 error code for {@code WWW-Authenticate}, or null when none applies. */
    public BearerError bearerError() {
        return bearerError;
    }

    public String meaning() {
        return meaning;
    }

    /** RFC 6750 §3.1 error codes. */
    public enum BearerError {
        INVALID_TOKEN("invalid_token"),
        INSUFFICIENT_SCOPE("insufficient_scope");

        private final String value;

        BearerError(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }
}
