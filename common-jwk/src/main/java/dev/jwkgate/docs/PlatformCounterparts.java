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
 * APISIX {@code jwt-auth} reads header {@code authorization}, query {@code jwt} and cookie {@code jwt}.
 */
public final class PlatformCounterparts {

    /**
     * One setting and its counterparts; "–" where a plugin has none.
     *
     * @param kongJwt   the Kong {@code jwt} field, with its default where it matters
     * @param kongOidc  the Kong {@code openid-connect} field
     * @param apisix    the APISIX {@code jwt-auth} / {@code openid-connect} field
     * @param migration what changes when a configuration moves to jwkgate
     */
    public record Row(Setting setting, String kongJwt, String kongOidc, String apisix, String migration) {
    }

    private static final List<Row> ROWS = List.of(
            new Row(Setting.ISSUER, "–", "`issuer` (discovery URL or issuer)", "– (the discovery document's `issuer`)",
                    "Kong oidc always discovers; jwkgate compares `iss` byte for byte and discovers only with `discovery: true`."),
            new Row(Setting.DISCOVERY, "–", "– (always on)", "`openid-connect`: `discovery` (the document's URL, required)",
                    "Same name as APISIX, other type: a boolean here (discover from `issuer`); an APISIX-style URL is refused as not a boolean."),
            new Row(Setting.ADDITIONAL_ISSUERS, "–", "`issuers_allowed`",
                    "`claim_validator.issuer.valid_issuers`",
                    "Kong oidc's `issuers_allowed` only lists accepted `iss` values, so the Kong name is not borrowed: here each issuer names its own key source, and one issuer's key never verifies another's token."),
            new Row(Setting.AUDIENCES, "–", "`audience_required` (items OR, spaces in an item AND)",
                    "`claim_validator.audience`",
                    "Kong name kept: any one listed audience suffices; an item with a space (Kong's AND) is refused, list each audience."),
            new Row(Setting.CLOCK_SKEW_SECONDS, "none: exp/nbf to the second", "`leeway` (default 0)", "–",
                    "Not Kong's `leeway`: the default here is 60 s, so the Kong name is not borrowed; set `clock_skew_seconds: 0` for Kong's behaviour."),
            new Row(Setting.MAX_TOKEN_LIFETIME_SECONDS, "`maximum_expiration` (`exp - now`, needs `exp`)", "–", "–",
                    "Not Kong's `maximum_expiration`: this bounds `exp - iat` (`exp - now` only without `iat`), so the Kong name is not borrowed."),
            new Row(Setting.REQUIRED_SCOPES, "–", "`scopes_required` (items OR, spaces in an item AND)",
                    "`openid-connect`: `required_scopes` (all)",
                    "Same as APISIX. Not Kong's `scopes_required`: every listed scope is required, so the Kong name is not borrowed."),
            new Row(Setting.TOKEN_HEADERS, "`header_names` (default `authorization`; `Bearer` in every header)", "–",
                    "`jwt-auth`: `header` (default `authorization`)",
                    "Kong name kept; a header other than `authorization` also takes the token without `Bearer`."),
            new Row(Setting.TOKEN_QUERY_PARAMS, "`uri_param_names` (default `jwt`)", "–", "`jwt-auth`: `query` (default `jwt`)",
                    "Empty by default (URLs end up in access logs), so the Kong name is not borrowed; list `jwt` to read it."),
            new Row(Setting.TOKEN_COOKIES, "`cookie_names` (default empty)", "–", "`jwt-auth`: `cookie` (default `jwt`)",
                    "Same as Kong `jwt`; APISIX reads cookie `jwt` by default, jwkgate none."),
            new Row(Setting.STRIP_TOKEN, "–", "`hide_credentials` (default false)", "`jwt-auth`: `hide_credentials` (default false)",
                    "Same meaning and default."),
            new Row(Setting.FORWARD_CLAIMS, "–", "`upstream_headers_claims` / `_names`", "–",
                    "Kong names kept, but array and object claims are not rendered as Kong oidc renders them (here arrays comma-separated, objects as JSON), and a dot in a claim name needs `\\.`."),
            new Row(Setting.REALM, "`realm` (no default)", "–", "`openid-connect`: `realm` (default `apisix`)",
                    "Same as Kong `jwt`; APISIX's default `apisix` is not applied: set it."),
            new Row(Setting.RUN_ON_PREFLIGHT, "`run_on_preflight` (default true)", "`run_on_preflight` (default true)", "–",
                    "When false Kong lets every `OPTIONS` through; jwkgate only a real CORS preflight without a token."));

    private PlatformCounterparts() {
    }

    public static List<Row> rows() {
        return ROWS;
    }
}
