package dev.jwkgate.docs;

import dev.jwkgate.config.Setting;
import java.util.List;

/**
 * What each jwkgate setting is called, and means, in the plugins operators migrate from: Kong's {@code jwt}
 * (3.9 schema), Kong's {@code openid-connect}, and APISIX's {@code jwt-auth} / {@code openid-connect} (3.x). The
 * README's migration table is rendered from these rows, and a test checks that every name jwkgate borrows on Kong
 * is listed here with the same meaning.
 *
 * <p>Facts as the upstream schemas and handlers state them: Kong {@code jwt} has no leeway (exp and nbf are checked
 * to the second), reads query parameter {@code jwt} by default, and its {@code maximum_expiration} (0 to 31536000)
 * bounds {@code exp - now} and needs {@code exp}; Kong {@code openid-connect} defaults {@code leeway} to 0 and
 * {@code hide_credentials} to false, and reads {@code scopes_required} / {@code audience_required} items as OR, the
 * space-separated words of one item as AND; APISIX {@code openid-connect} requires every {@code required_scopes}
 * entry, takes {@code discovery} as the discovery document's URL and defaults {@code realm} to {@code apisix};
 * APISIX {@code jwt-auth} reads header {@code authorization}, query {@code jwt} and cookie {@code jwt}. Each row says
 * where its counterparts were read: Kong {@code jwt} and APISIX from their source at the versions the tests run
 * (Kong 3.9.1, APISIX 3.18.0); Kong {@code openid-connect}, which is closed source, from Kong's documentation.
 */
public final class PlatformCounterparts {

    /**
     * One setting and its counterparts; "–" where a plugin has none.
     *
     * @param kongJwt   the Kong {@code jwt} field, with its default where it matters
     * @param kongOidc  the Kong {@code openid-connect} field
     * @param apisix    the APISIX {@code jwt-auth} / {@code openid-connect} field
     * @param migration what changes when a configuration moves to jwkgate
     * @param verifiedIn where the counterparts' meanings and defaults were read
     */
    public record Row(Setting setting, String kongJwt, String kongOidc, String apisix, String migration,
                      String verifiedIn) {
    }

    private static final String KONG_JWT = "Kong 3.9.1 `kong/plugins/jwt/schema.lua`";
    private static final String KONG_JWT_CODE = "Kong 3.9.1 `kong/plugins/jwt/schema.lua`, `handler.lua`, `jwt_parser.lua`";
    private static final String KONG_OIDC = "[Kong oidc reference](https://developer.konghq.com/plugins/openid-connect/reference/)";
    private static final String APISIX_JWT = "APISIX 3.18.0 `apisix/plugins/jwt-auth.lua`";
    private static final String APISIX_OIDC = "APISIX 3.18.0 `apisix/plugins/openid-connect.lua`";

    private static String sources(String... sources) {
        return String.join("; ", sources);
    }

    private static final List<Row> ROWS = List.of(
            new Row(Setting.ISSUER, "–", "`issuer` (discovery URL or issuer)", "– (the discovery document's `issuer`)",
                    "Kong oidc always discovers; jwkgate compares `iss` byte for byte and discovers only with `discovery: true`.",
                    sources(KONG_OIDC, APISIX_OIDC)),
            new Row(Setting.DISCOVERY, "–", "– (always on)", "`openid-connect`: `discovery` (the document's URL, required)",
                    "Not APISIX's `discovery`: a boolean here, and the document is always `{issuer}/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4), so a configuration cannot fetch one issuer's keys through another's document. An APISIX-style URL is refused, naming the fix: set `issuer` and `discovery: true`.",
                    sources(APISIX_OIDC + " (`discovery`: a string, required)")),
            new Row(Setting.ADDITIONAL_ISSUERS, "–", "`issuers_allowed`",
                    "`claim_validator.issuer.valid_issuers`",
                    "Kong oidc's `issuers_allowed` only lists accepted `iss` values, so the Kong name is not borrowed: here each issuer names its own key source, and one issuer's key never verifies another's token.",
                    sources(KONG_OIDC, APISIX_OIDC + " (`valid_issuers`)")),
            new Row(Setting.AUDIENCES, "–", "`audience_required` (items OR, spaces in an item AND)",
                    "`claim_validator.audience`",
                    "Kong name kept: any one listed audience suffices; an item with a space (Kong's AND) is refused, list each audience.",
                    sources(KONG_OIDC, APISIX_OIDC)),
            new Row(Setting.CLOCK_SKEW_SECONDS, "none: exp/nbf to the second", "`leeway` (default 0)", "–",
                    "Not Kong's `leeway`: the default here is 60 s, so the Kong name is not borrowed; set `clock_skew_seconds: 0` for Kong's behaviour.",
                    sources(KONG_JWT_CODE, KONG_OIDC)),
            new Row(Setting.MAX_TOKEN_LIFETIME_SECONDS, "`maximum_expiration` (`exp - now`, needs `exp`)", "–", "–",
                    "Not Kong's `maximum_expiration`: this bounds `exp - iat` (`exp - now` only without `iat`), so the Kong name is not borrowed.",
                    sources(KONG_JWT_CODE + " (`check_maximum_expiration`: `exp - time()`)")),
            new Row(Setting.REQUIRED_SCOPES, "–", "`scopes_required` (items OR, spaces in an item AND)",
                    "`openid-connect`: `required_scopes` (all)",
                    "Same as APISIX. Not Kong's `scopes_required`: every listed scope is required, so the Kong name is not borrowed.",
                    sources(KONG_OIDC, APISIX_OIDC + " (`required_scopes_present`: all)")),
            new Row(Setting.TOKEN_HEADERS, "`header_names` (default `authorization`; `Bearer` in every header)", "–",
                    "`jwt-auth`: `header` (default `authorization`)",
                    "Kong name kept; a header other than `authorization` also takes the token without `Bearer`.",
                    sources(KONG_JWT_CODE, APISIX_JWT)),
            new Row(Setting.TOKEN_QUERY_PARAMS, "`uri_param_names` (default `jwt`)", "–", "`jwt-auth`: `query` (default `jwt`)",
                    "Empty by default (URLs end up in access logs), so the Kong name is not borrowed; list `jwt` to read it.",
                    sources(KONG_JWT, APISIX_JWT)),
            new Row(Setting.TOKEN_COOKIES, "`cookie_names` (default empty)", "–", "`jwt-auth`: `cookie` (default `jwt`)",
                    "Same as Kong `jwt`; APISIX reads cookie `jwt` by default, jwkgate none.",
                    sources(KONG_JWT, APISIX_JWT)),
            new Row(Setting.STRIP_TOKEN, "–", "`hide_credentials` (default false)", "`jwt-auth`: `hide_credentials` (default false)",
                    "Same meaning and default.",
                    sources(KONG_OIDC, APISIX_JWT)),
            new Row(Setting.FORWARD_CLAIMS, "–", "`upstream_headers_claims` / `upstream_headers_names` (two arrays, top-level claims, a non-string value base64-encoded)",
                    "– (3.18.0 has no claim headers)",
                    "Not Kong oidc's `upstream_headers_claims` / `_names`: one map of claim path to header here (as on APISIX), an array goes as its items joined by `,`, an object as JSON, so the Kong names are not borrowed and a configuration naming them is refused. Migrate each pair to one `forward_claims` entry; a dot in a claim name needs `\\.`.",
                    sources(KONG_OIDC, "[Kong oidc changelog](https://developer.konghq.com/plugins/openid-connect/changelog/) (3.14.0.0: nested claims only in the new `upstream_headers`)", "[Kong knowledge base](https://developer.konghq.com/support/how-to-use-kong-s-openid-connect-plugin-to-extract-specific-claims-from-jwt-tokens-and-add-them-as-custom-headers-to-the-request/) (non-string values base64-encoded)")),
            new Row(Setting.REALM, "`realm` (no default)", "–", "`openid-connect`: `realm` (default `apisix`)",
                    "Same as Kong `jwt`; APISIX's default `apisix` is not applied: set it.",
                    sources(KONG_JWT, APISIX_OIDC)),
            new Row(Setting.RUN_ON_PREFLIGHT, "`run_on_preflight` (default true)", "`run_on_preflight` (default true)", "–",
                    "When false Kong lets every `OPTIONS` through; jwkgate only a real CORS preflight without a token.",
                    sources(KONG_JWT_CODE, KONG_OIDC)));

    private PlatformCounterparts() {
    }

    public static List<Row> rows() {
        return ROWS;
    }
}
