package dev.jwkgate.config;

import dev.jwkgate.jws.JwsAlgorithm;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting jwkgate understands: its snake_case name, type, default and meaning.
 *
 * <p>This enum is the single source of the configuration reference: the README table is checked
 * against it by a test, and adapters map their platform's names onto these.
 */
public enum Setting {
    // ---- issuer and key source (exactly one of discovery, jwks_uri, jwks, jwks_file, hmac_secrets) ----
    ISSUER("issuer", SettingType.STRING, null, Section.KEY_SOURCE,
            "Expected `iss`, compared byte for byte. Required. Every key source is bound to this issuer."),
    DISCOVERY("discovery", SettingType.BOOLEAN, false, Section.KEY_SOURCE,
            "Find `jwks_uri` through `{issuer}/.well-known/openid-configuration`; the document's `issuer` must equal `issuer` exactly."),
    JWKS_URI("jwks_uri", SettingType.STRING, null, Section.KEY_SOURCE,
            "Remote JWKS URL (HTTPS; plain HTTP only for loopback or with `allow_http`)."),
    JWKS("jwks", SettingType.STRING, null, Section.KEY_SOURCE,
            "A static JWKS as JSON text."),
    JWKS_FILE("jwks_file", SettingType.STRING, null, Section.KEY_SOURCE,
            "Path of a static JWKS file, read once when the configuration is built."),
    HMAC_SECRETS("hmac_secrets", SettingType.STRING_MAP, Map.of(), Section.KEY_SOURCE,
            "`kid` to base64url HMAC secret (at least the hash length), or a `${env:NAME}` / `${file:/path}` reference to it. Enables HS256/384/512 only; cannot be combined with an asymmetric source.",
            Trait.SECRET),
    ADDITIONAL_ISSUERS("additional_issuers", SettingType.STRING_MAP, Map.of(), Section.KEY_SOURCE,
            "More trusted issuers (a realm per tenant): issuer to its own key source, a JWKS URL or the word `discovery`. The token's `iss` only chooses among `issuer` and these, and the key must come from that issuer's set; any other `iss` is `unknown_issuer`. Not with `hmac_secrets`."),

    // ---- token validation ----
    AUDIENCES("audiences", SettingType.STRING_LIST, List.of(), Section.VALIDATION,
            "Accepted audiences; when set, the token's `aud` (string or array) must contain at least one. Empty: `aud` is not checked.",
            Trait.kong("audience_required")),
    ALGORITHMS("algorithms", SettingType.STRING_LIST,
            JwsAlgorithm.names(algorithm -> !algorithm.isHmac()),
            Section.VALIDATION,
            "Allowed `alg` values, exact case-sensitive match. `none` is never allowed; HS* only with `hmac_secrets` (then the default is HS256, HS384, HS512)."),
    CLOCK_SKEW_SECONDS("clock_skew_seconds", SettingType.INTEGER, 60, Section.VALIDATION,
            "Leeway for `exp`, `nbf` and `iat`, 0 to 300."),
    REQUIRE_EXPIRATION("require_expiration", SettingType.BOOLEAN, true, Section.VALIDATION,
            "Refuse tokens without `exp`."),
    MAX_TOKEN_AGE_SECONDS("max_token_age_seconds", SettingType.INTEGER, 0, Section.VALIDATION,
            "When above 0, `iat` is required and must be at most this old."),
    MAX_TOKEN_LIFETIME_SECONDS("max_token_lifetime_seconds", SettingType.INTEGER, 0, Section.VALIDATION,
            "When above 0, `exp - iat` (or `exp - now` without `iat`) must not exceed this."),
    REQUIRED_TYPE("required_type", SettingType.STRING, null, Section.VALIDATION,
            "Required header `typ` (e.g. `at+jwt`, RFC 9068), compared case-insensitively, `application/` prefix optional."),
    REQUIRED_CLAIMS("required_claims", SettingType.STRING_LIST, List.of(), Section.VALIDATION,
            "Claim paths that must lead to a value (see Claim paths: `realm_access.roles`; `\\.` is a dot inside a name); `null` there is refused as `invalid_claim`.",
            Trait.CLAIM_PATHS),
    REQUIRED_SCOPES("required_scopes", SettingType.STRING_LIST, List.of(), Section.VALIDATION,
            "Scopes that must all be granted, read from `scope` (space-separated) or `scp` (string or array). Missing ones answer 403 `insufficient_scope`."),
    CLAIMS_ANY_OF("claims_any_of", SettingType.STRING_LIST_MAP, Map.of(), Section.VALIDATION,
            "Claim path to accepted values; the claim (string or array) must contain at least one of them, else 403 (e.g. `realm_access.roles`: [`llm-user`]).",
            Trait.CLAIM_PATHS),
    ALLOW_MISSING_KID("allow_missing_kid", SettingType.BOOLEAN, false, Section.VALIDATION,
            "Accept tokens without `kid`, trying at most 3 keys that fit the algorithm."),
    REVOKED_KIDS("revoked_kids", SettingType.STRING_LIST, List.of(), Section.VALIDATION,
            "Key ids refused even while the JWKS still lists them."),
    SUPPORTED_CRITICAL_HEADERS("supported_critical_headers", SettingType.STRING_LIST, List.of(), Section.VALIDATION,
            "Header names the application understands and accepts in `crit`. None by default; `b64` is never accepted."),

    // ---- verified-token cache ----
    TOKEN_CACHE_ENABLED("token_cache_enabled", SettingType.BOOLEAN, false, Section.TOKEN_CACHE,
            "Cache verified tokens (keyed on the exact token) so a repeated token skips the signature check. Off in the library, on by default in the gateway adapters."),
    TOKEN_CACHE_MAX_ENTRIES("token_cache_max_entries", SettingType.INTEGER, 10_000, Section.TOKEN_CACHE,
            "Upper bound on cached tokens."),
    TOKEN_CACHE_TTL_SECONDS("token_cache_ttl_seconds", SettingType.INTEGER, 300, Section.TOKEN_CACHE,
            "An entry is kept until min(`exp`, this); it is dropped as soon as its key leaves the set. Time claims are rechecked on every hit."),

    // ---- input limits ----
    MAX_TOKEN_BYTES("max_token_bytes", SettingType.INTEGER, 16_384, Section.LIMITS,
            "Largest accepted token, checked before any decoding."),
    MAX_HEADER_BYTES("max_header_bytes", SettingType.INTEGER, 2_048, Section.LIMITS,
            "Largest accepted encoded JOSE header."),
    MAX_JSON_DEPTH("max_json_depth", SettingType.INTEGER, 16, Section.LIMITS,
            "Deepest accepted nesting of objects and arrays in header and claims."),
    MAX_KID_LENGTH("max_kid_length", SettingType.INTEGER, 256, Section.LIMITS,
            "Longest accepted `kid`."),

    // ---- remote JWKS fetching ----
    HTTP_CONNECT_TIMEOUT_MS("http_connect_timeout_ms", SettingType.INTEGER, 2_000, Section.FETCH,
            "Connect timeout for JWKS and discovery requests."),
    HTTP_TIMEOUT_MS("http_timeout_ms", SettingType.INTEGER, 5_000, Section.FETCH,
            "Total timeout of one JWKS or discovery request, body included."),
    ALLOW_HTTP("allow_http", SettingType.BOOLEAN, false, Section.FETCH,
            "Allow plain HTTP to non-loopback hosts. Loopback is always allowed."),
    JWKS_REQUEST_HEADERS("jwks_request_headers", SettingType.STRING_MAP, Map.of(), Section.FETCH,
            "Extra headers sent with JWKS and discovery requests (e.g. `Authorization`). Values are never logged and may hold `${env:NAME}` / `${file:/path}` references.",
            Trait.SECRET),
    TRUST_STORE_FILE("trust_store_file", SettingType.STRING, null, Section.FETCH,
            "Trust store for the JWKS endpoint's certificate, instead of the JVM's."),
    TRUST_STORE_PASSWORD("trust_store_password", SettingType.STRING, null, Section.FETCH,
            "Password of `trust_store_file` (or a `${env:NAME}` / `${file:/path}` reference).",
            Trait.SECRET),
    TRUST_STORE_TYPE("trust_store_type", SettingType.STRING, "PKCS12", Section.FETCH,
            "Type of `trust_store_file`."),
    CLIENT_KEY_STORE_FILE("client_key_store_file", SettingType.STRING, null, Section.FETCH,
            "Key store with a client certificate for mutual TLS to the JWKS endpoint."),
    CLIENT_KEY_STORE_PASSWORD("client_key_store_password", SettingType.STRING, null, Section.FETCH,
            "Password of `client_key_store_file` and of its key (or a `${env:NAME}` / `${file:/path}` reference).",
            Trait.SECRET),
    CLIENT_KEY_STORE_TYPE("client_key_store_type", SettingType.STRING, "PKCS12", Section.FETCH,
            "Type of `client_key_store_file`."),
    MAX_JWKS_BYTES("max_jwks_bytes", SettingType.INTEGER, 65_536, Section.FETCH,
            "Largest accepted JWKS or discovery response body."),
    MAX_JWKS_KEYS("max_jwks_keys", SettingType.INTEGER, 100, Section.FETCH,
            "Most keys accepted in one set; a larger set is refused whole."),

    // ---- key set caching ----
    CACHE_MIN_TTL_SECONDS("cache_min_ttl_seconds", SettingType.INTEGER, 60, Section.KEY_CACHE,
            "Lower clamp for `Cache-Control: max-age`."),
    CACHE_MAX_TTL_SECONDS("cache_max_ttl_seconds", SettingType.INTEGER, 86_400, Section.KEY_CACHE,
            "Upper clamp for `Cache-Control: max-age`."),
    CACHE_DEFAULT_TTL_SECONDS("cache_default_ttl_seconds", SettingType.INTEGER, 900, Section.KEY_CACHE,
            "TTL when the response has no `max-age`, or says `no-cache`/`no-store`/`max-age=0` (Keycloak's certs endpoint)."),
    UNKNOWN_KID_COOLDOWN_SECONDS("unknown_kid_cooldown_seconds", SettingType.INTEGER, 30, Section.KEY_CACHE,
            "An unknown `kid` triggers at most one refresh per this period per source, and is remembered as unknown for it."),
    MAX_STALE_SECONDS("max_stale_seconds", SettingType.INTEGER, 86_400, Section.KEY_CACHE,
            "How long the last good set keeps serving after refreshes fail (source STALE); after that the source is UNAVAILABLE."),
    FIRST_LOAD_WAIT_MS("first_load_wait_ms", SettingType.INTEGER, 1_000, Section.KEY_CACHE,
            "Longest a request waits for a source's first load or a permitted unknown-`kid` refresh."),

    // ---- gateway adapters (APISIX, Kong) ----
    TOKEN_HEADERS("token_headers", SettingType.STRING_LIST, List.of("authorization"), Section.GATEWAY,
            "Request headers searched for the token, in order; `authorization` expects the `Bearer` scheme, other headers take the token with or without it.",
            Trait.kong("header_names")),
    TOKEN_QUERY_PARAMS("token_query_params", SettingType.STRING_LIST, List.of(), Section.GATEWAY,
            "Query parameters searched for the token after the headers."),
    TOKEN_COOKIES("token_cookies", SettingType.STRING_LIST, List.of(), Section.GATEWAY,
            "Cookies searched for the token after the query parameters.",
            Trait.kong("cookie_names")),
    FORWARD_CLAIMS("forward_claims", SettingType.STRING_MAP, Map.of(), Section.GATEWAY,
            "Claim path to upstream header name (e.g. `sub`: `X-User-Id`, `realm_access.roles`: `X-Roles`); an array claim goes as its items joined by `,`, an object as JSON. Client-sent copies of these headers are always removed, also under spellings an upstream reads as the same name (`x_user_id`).",
            Trait.CLAIM_PATHS),
    STRIP_TOKEN("strip_token", SettingType.BOOLEAN, false, Section.GATEWAY,
            "Remove the token from the request before it goes upstream.",
            Trait.kong("hide_credentials")),
    REALM("realm", SettingType.STRING, null, Section.GATEWAY,
            "`realm` in the `WWW-Authenticate` challenge."),
    RUN_ON_PREFLIGHT("run_on_preflight", SettingType.BOOLEAN, true, Section.GATEWAY,
            "When false, a CORS preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) that carries no token passes without one; client copies of forwarded headers are still removed. A token on a preflight is checked as on any request. Kong's `jwt` plugin lets every `OPTIONS` through."),

    // ---- Kong consumers (Kong only: APISIX ext-plugins have no consumer hook) ----
    CONSUMER_CLAIM("consumer_claim", SettingType.STRING_LIST, List.of(), Section.KONG_CONSUMERS,
            "Kong `openid-connect`'s meaning: the claim naming the Kong consumer, as a path (`[sub]`; `[realm_access, user]` reads a nested object). Empty: no consumer mapping. A valid token whose consumer is not found is a failed authentication (401 `unknown_consumer`, or the `anonymous` consumer), unless `consumer_optional`."),
    CONSUMER_LOOKUP("consumer_lookup", SettingType.STRING_LIST, List.of("username"), Section.KONG_CONSUMERS,
            "Consumer fields the `consumer_claim` value is matched against, in order: `id`, `username`. Not Kong oidc's `consumer_by`: Kong's plugin-server PDK (`kong.client.load_consumer`) cannot search `custom_id`."),
    CONSUMER_OPTIONAL("consumer_optional", SettingType.BOOLEAN, false, Section.KONG_CONSUMERS,
            "Kong `openid-connect`'s meaning: when no consumer matches, pass the request without one (still with the `credential_claim` credential) instead of refusing it."),
    CREDENTIAL_CLAIM("credential_claim", SettingType.STRING_LIST, List.of("sub"), Section.KONG_CONSUMERS,
            "Kong `openid-connect`'s meaning: the claim (path) whose value becomes the id of the credential handed to `kong.client.authenticate`, so `rate-limiting` by `credential` (or by `consumer`, when none is mapped) counts per subject. Empty: no credential. Not handed over without a consumer when `authenticated_groups_claim` is set: Kong's plugin-server bridge would give `acl` the empty consumer id `\"\"`, and `acl` would fail."),
    AUTHENTICATED_GROUPS_CLAIM("authenticated_groups_claim", SettingType.STRING_LIST, List.of(), Section.KONG_CONSUMERS,
            "Kong `openid-connect`'s meaning: the claim (path, e.g. `[realm_access, roles]`) whose strings become `kong.ctx.shared.authenticated_groups`, which the `acl` plugin checks when the request has no consumer, or has one and `always_use_authenticated_groups`."),
    ANONYMOUS("anonymous", SettingType.STRING, null, Section.KONG_CONSUMERS,
            "Kong `jwt`'s meaning: consumer id or username the request proceeds as when authentication fails (no 401), for \"JWT or key-auth\"; skipped entirely when an earlier plugin already set a credential. A 5xx (keys unavailable, internal error) is never turned into an anonymous pass; a missing anonymous consumer answers 500."),
    CONSUMER_CACHE_TTL_SECONDS("consumer_cache_ttl_seconds", SettingType.INTEGER, 60, Section.KONG_CONSUMERS,
            "How long the plugin server keeps a consumer it found (a hit costs no PDK round trip), 1 to 3600."),
    CONSUMER_CACHE_MISS_TTL_SECONDS("consumer_cache_miss_ttl_seconds", SettingType.INTEGER, 5, Section.KONG_CONSUMERS,
            "How long an unknown consumer is remembered as unknown, 0 to 3600."),
    CONSUMER_CACHE_MAX_ENTRIES("consumer_cache_max_entries", SettingType.INTEGER, 10_000, Section.KONG_CONSUMERS,
            "Upper bound on cached consumer lookups (least recently used go first)."),

    // ---- audit logging ----
    AUDIT_LOG_FORMAT("audit_log_format", SettingType.STRING, "text", Section.LOGGING,
            "`text` (`EVENT source=… {…}`) or `json` (one JSON object per line, with `request_id`: Kong's `X-Kong-Request-Id`, or APISIX's `X-Request-Id` header when the route has one)."),
    REFUSAL_LOG_LINES("refusal_log_lines", SettingType.INTEGER, 20, Section.LOGGING,
            "Refused tokens (`TOKEN_REFUSED`) and unknown `kid`s (`UNKNOWN_KID`) logged one line each per interval; the rest are counted and summed up in one line per interval (`TOKEN_REFUSED_SUMMARY`, by reason code). 0: summaries only."),
    REFUSAL_LOG_INTERVAL_SECONDS("refusal_log_interval_seconds", SettingType.INTEGER, 60, Section.LOGGING,
            "The interval of `refusal_log_lines`.");

    /** Groups settings in the reference. */
    public enum Section {
        KEY_SOURCE("Issuer and key source"),
        VALIDATION("Token validation"),
        TOKEN_CACHE("Verified-token cache"),
        LIMITS("Input limits"),
        FETCH("Remote JWKS fetching"),
        KEY_CACHE("Key set caching and outages"),
        GATEWAY("Gateway adapters"),
        KONG_CONSUMERS("Kong consumers"),
        LOGGING("Audit logging");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private static final Map<String, Setting> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Setting::settingName, Function.identity()));

    private final String settingName;
    private final SettingType type;
    private final Object defaultValue;
    private final Section section;
    private final String meaning;
    private final boolean secret;
    private final boolean claimPaths;
    private final String kongName;

    Setting(String settingName, SettingType type, Object defaultValue, Section section, String meaning,
            Trait... traits) {
        this.settingName = settingName;
        this.type = type;
        this.defaultValue = defaultValue;
        this.section = section;
        this.meaning = meaning;
        this.secret = Arrays.stream(traits).anyMatch(t -> t.secret);
        this.claimPaths = Arrays.stream(traits).anyMatch(t -> t.claimPaths);
        this.kongName = Arrays.stream(traits).filter(t -> t.kongName != null).findFirst()
                .map(t -> t.kongName).orElse(settingName);
    }

    /**
     * A fact about a setting beyond its name, type, default and meaning: that its value is secret, that it names
     * claims, or the name Kong's own plugins ({@code jwt}, {@code openid-connect}) give the same setting.
     */
    private static final class Trait {
        /** The value is never logged or shown, and platforms that can keep it in a vault may. */
        static final Trait SECRET = new Trait(true, false, null);
        /** The value names claims by {@link dev.jwkgate.claims.ClaimPath}: a string, each list item, or each map key. */
        static final Trait CLAIM_PATHS = new Trait(false, true, null);

        final boolean secret;
        final boolean claimPaths;
        final String kongName;

        private Trait(boolean secret, boolean claimPaths, String kongName) {
            this.secret = secret;
            this.claimPaths = claimPaths;
            this.kongName = kongName;
        }

        /** Kong's name, borrowed where Kong's own plugin means the same, with the same type and default. */
        static Trait kong(String name) {
            return new Trait(false, false, name);
        }
    }

    public String settingName() {
        return settingName;
    }

    public SettingType type() {
        return type;
    }

    /** The default, or null when the setting has none (unset). */
    public Object defaultValue() {
        return defaultValue;
    }

    public Section section() {
        return section;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether the value is secret: masked wherever a configuration is shown, never logged. */
    public boolean secret() {
        return secret;
    }

    /**
     * Whether the value names claims by claim path ({@link dev.jwkgate.claims.ClaimPath}): the string, each list
     * item, or each map key. Such values are checked when the configuration is read.
     */
    public boolean holdsClaimPaths() {
        return claimPaths;
    }

    /**
     * The setting's name on a platform. APISIX confs use the core names; Kong uses its own plugins' names where
     * they mean the same ({@code header_names}, {@code hide_credentials}, …) and the core name otherwise.
     */
    public String nameOn(Platform platform) {
        return platform == Platform.KONG ? kongName : settingName;
    }

    /**
     * Whether the setting means anything on a platform. The Kong consumer settings do not on APISIX: an ext-plugin
     * of the Java plugin runner has no call that sets APISIX's consumer ({@code ctx.consumer}), only headers, body
     * and the answer, so {@code anonymous} could not hand the request to a consumer there.
     */
    public boolean appliesTo(Platform platform) {
        return section != Section.KONG_CONSUMERS || platform == Platform.KONG;
    }

    /** A problem for each named setting that means nothing on the platform, named as the platform names it. */
    public static List<String> problemsOn(Platform platform, Collection<String> names) {
        return names.stream().map(name -> byNameOn(platform, name)).flatMap(Optional::stream)
                .filter(setting -> !setting.appliesTo(platform))
                .map(setting -> setting.nameOn(platform) + ": a Kong setting (consumers); " + platform.name()
                        + " has no consumer a plugin of its runner could set, so it cannot be honoured there")
                .toList();
    }

    public static Optional<Setting> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The setting a platform calls {@code name} (its first name, for a setting with two). */
    public static Optional<Setting> byNameOn(Platform platform, String name) {
        return Arrays.stream(values()).filter(s -> s.nameOn(platform).equals(name)).findFirst();
    }
}
