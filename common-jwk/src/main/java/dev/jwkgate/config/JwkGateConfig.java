package dev.jwkgate.config;

import dev.jwkgate.audit.AuditLogFormat;
import dev.jwkgate.claims.ClaimPath;
import dev.jwkgate.jws.JwsAlgorithm;
import dev.jwkgate.net.UrlRules;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One immutable, validated jwkgate configuration.
 *
 * <p>Built with {@link #builder()} or from the {@code Map} an adapter reads from JSON, YAML or Kong
 * configuration ({@link #fromMap(Map, ConfigProfile)}). Unknown settings and bad values are refused
 * with a {@link ConfigException} that names every offending setting. Equal configurations are
 * {@code equals}, so adapters can share one validator per distinct configuration.
 */
public final class JwkGateConfig {

    /** Algorithms the core can verify ({@link JwsAlgorithm}'s table); anything else in {@code algorithms} is refused. */
    public static final Set<String> KNOWN_ALGORITHMS = Set.copyOf(JwsAlgorithm.names());

    /** Header parameters registered by RFC 7515/7519 that may never be named in {@code crit}. */
    private static final Set<String> REGISTERED_HEADERS = Set.of(
            "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "b64");

    private static final int MAX_CLOCK_SKEW_SECONDS = 300;

    /** The consumer fields {@code consumer_lookup} may name: what Kong's plugin-server PDK can search. */
    private static final List<String> CONSUMER_FIELDS = List.of("id", "username");

    /**
     * The values a string setting, or each item of a list setting, may take where they are a fixed set: checked when
     * a configuration is built, and carried into the schema Kong validates at its Admin API (its {@code one_of}).
     */
    public static final Map<Setting, List<String>> CHOICES = Map.of(
            Setting.ALGORITHMS, KNOWN_ALGORITHMS.stream().sorted().toList(),
            Setting.AUDIT_LOG_FORMAT, Arrays.stream(AuditLogFormat.values()).map(AuditLogFormat::settingValue).toList(),
            Setting.CONSUMER_LOOKUP, CONSUMER_FIELDS);

    /**
     * The list settings refused when empty (an empty {@code algorithms} would accept nothing, an empty
     * {@code consumer_lookup} find nobody): checked when a configuration is built, and carried into Kong's schema as
     * {@code len_min = 1}. {@code JwkGateConfigTest} holds this set to what the checks refuse.
     */
    public static final Set<Setting> NON_EMPTY = Set.of(Setting.ALGORITHMS, Setting.CONSUMER_LOOKUP);

    /** The bounds of an integer setting, both inclusive. */
    public record IntRange(int min, int max) {
    }

    /**
     * The accepted range of every integer setting: checked when a configuration is built, and carried into the
     * schema Kong validates at its Admin API (its {@code between}), so a bad value is refused where it is saved.
     */
    public static final Map<Setting, IntRange> RANGES = ranges();

    private static Map<Setting, IntRange> ranges() {
        Map<Setting, IntRange> ranges = new EnumMap<>(Setting.class);
        ranges.put(Setting.CLOCK_SKEW_SECONDS, new IntRange(0, MAX_CLOCK_SKEW_SECONDS));
        ranges.put(Setting.MAX_TOKEN_AGE_SECONDS, new IntRange(0, Integer.MAX_VALUE));
        ranges.put(Setting.MAX_TOKEN_LIFETIME_SECONDS, new IntRange(0, Integer.MAX_VALUE));
        ranges.put(Setting.TOKEN_CACHE_MAX_ENTRIES, new IntRange(1, 10_000_000));
        ranges.put(Setting.TOKEN_CACHE_TTL_SECONDS, new IntRange(1, 86_400));
        ranges.put(Setting.MAX_TOKEN_BYTES, new IntRange(64, 1_048_576));
        ranges.put(Setting.MAX_HEADER_BYTES, new IntRange(16, 65_536));
        ranges.put(Setting.MAX_JSON_DEPTH, new IntRange(2, 256));
        ranges.put(Setting.MAX_KID_LENGTH, new IntRange(1, 4_096));
        ranges.put(Setting.HTTP_CONNECT_TIMEOUT_MS, new IntRange(1, 600_000));
        ranges.put(Setting.HTTP_TIMEOUT_MS, new IntRange(1, 600_000));
        ranges.put(Setting.MAX_JWKS_BYTES, new IntRange(1_024, 16 * 1_048_576));
        ranges.put(Setting.MAX_JWKS_KEYS, new IntRange(1, 10_000));
        ranges.put(Setting.CACHE_MIN_TTL_SECONDS, new IntRange(1, Integer.MAX_VALUE));
        ranges.put(Setting.CACHE_MAX_TTL_SECONDS, new IntRange(1, Integer.MAX_VALUE));
        ranges.put(Setting.CACHE_DEFAULT_TTL_SECONDS, new IntRange(1, Integer.MAX_VALUE));
        ranges.put(Setting.UNKNOWN_KID_COOLDOWN_SECONDS, new IntRange(1, 86_400));
        ranges.put(Setting.MAX_STALE_SECONDS, new IntRange(0, Integer.MAX_VALUE));
        ranges.put(Setting.FIRST_LOAD_WAIT_MS, new IntRange(0, 600_000));
        ranges.put(Setting.CONSUMER_CACHE_TTL_SECONDS, new IntRange(1, 3_600));
        ranges.put(Setting.CONSUMER_CACHE_MISS_TTL_SECONDS, new IntRange(0, 3_600));
        ranges.put(Setting.CONSUMER_CACHE_MAX_ENTRIES, new IntRange(1, 10_000_000));
        ranges.put(Setting.REFUSAL_LOG_LINES, new IntRange(0, 1_000_000));
        ranges.put(Setting.REFUSAL_LOG_INTERVAL_SECONDS, new IntRange(1, 86_400));
        return Collections.unmodifiableMap(ranges);
    }

    /**
     * The rules between settings: checked when a configuration is built, and carried into the schema Kong validates
     * at its Admin API (its entity checks), so a configuration breaking one is refused where it is saved.
     */
    public static final List<SettingRule> RULES = List.of(
            new SettingRule.ExactlyOneOf("key source", List.of(Setting.DISCOVERY, Setting.JWKS_URI, Setting.JWKS,
                    Setting.JWKS_FILE, Setting.HMAC_SECRETS)),
            new SettingRule.NeverTogether(Setting.ADDITIONAL_ISSUERS, Setting.HMAC_SECRETS,
                    "a shared secret belongs to no issuer's key set"),
            new SettingRule.Requires(Setting.TRUST_STORE_PASSWORD, Setting.TRUST_STORE_FILE),
            new SettingRule.Requires(Setting.CLIENT_KEY_STORE_PASSWORD, Setting.CLIENT_KEY_STORE_FILE));

    /** The {@code additional_issuers} value that finds the issuer's keys through its discovery document. */
    public static final String DISCOVERY_SOURCE = "discovery";

    private final Map<Setting, Object> values;

    private JwkGateConfig(Map<Setting, Object> values) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public static Builder builder() {
        return new Builder(ConfigProfile.LIBRARY);
    }

    public static Builder builder(ConfigProfile profile) {
        return new Builder(profile);
    }

    /** Library defaults; see {@link #fromMap(Map, ConfigProfile)}. */
    public static JwkGateConfig fromMap(Map<String, ?> settings) {
        return fromMap(settings, ConfigProfile.LIBRARY);
    }

    /**
     * Reads snake_case settings as they come from JSON or a gateway's configuration. Secret settings may hold
     * {@code ${env:NAME}} and {@code ${file:/path}} references ({@link SecretReferences}), resolved here.
     *
     * @throws ConfigException naming every unknown setting, every bad value and every unresolvable reference
     */
    public static JwkGateConfig fromMap(Map<String, ?> settings, ConfigProfile profile) {
        return fromMap(settings, profile, SecretReferences.system());
    }

    static JwkGateConfig fromMap(Map<String, ?> settings, ConfigProfile profile, SecretReferences secrets) {
        Builder builder = new Builder(profile);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ?> entry : settings.entrySet()) {
            Optional<Setting> setting = Setting.byName(entry.getKey());
            if (setting.isEmpty()) {
                problems.add(entry.getKey() + ": unknown setting");
                continue;
            }
            if (entry.getValue() == null) {
                continue; // an explicit null means "use the default", as JSON and Kong schemas send it
            }
            try {
                Object value = SettingValues.coerce(setting.get(), entry.getValue());
                builder.set(setting.get(), setting.get().secret() ? secrets.resolve(setting.get(), value) : value);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        try {
            JwkGateConfig config = builder.build();
            if (problems.isEmpty()) {
                return config;
            }
        } catch (ConfigException e) {
            problems.addAll(e.problems()); // every problem at once, the combinations' too
        }
        throw new ConfigException(problems);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(ConfigProfile.LIBRARY);
        builder.values.putAll(values);
        return builder;
    }

    // ---- typed access ----

    /** The value of a STRING setting, or null when unset. */
    public String string(Setting setting) {
        return (String) get(setting, SettingType.STRING);
    }

    public boolean bool(Setting setting) {
        return (Boolean) get(setting, SettingType.BOOLEAN);
    }

    public int integer(Setting setting) {
        return (Integer) get(setting, SettingType.INTEGER);
    }

    @SuppressWarnings("unchecked")
    public List<String> stringList(Setting setting) {
        return (List<String>) get(setting, SettingType.STRING_LIST);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> stringMap(Setting setting) {
        return (Map<String, String>) get(setting, SettingType.STRING_MAP);
    }

    @SuppressWarnings("unchecked")
    public Map<String, List<String>> stringListMap(Setting setting) {
        return (Map<String, List<String>>) get(setting, SettingType.STRING_LIST_MAP);
    }

    public Duration seconds(Setting setting) {
        return Duration.ofSeconds(integer(setting));
    }

    public Duration millis(Setting setting) {
        return Duration.ofMillis(integer(setting));
    }

    /** The value of any setting, of its type's Java class (String, Boolean, Integer, List, Map), or null when unset. */
    public Object value(Setting setting) {
        return values.get(setting);
    }

    public String issuer() {
        return string(Setting.ISSUER);
    }

    /**
     * One configuration per trusted issuer: this one first, then one for each {@code additional_issuers} entry,
     * equal to this one but for its issuer and key source (and without additional issuers). A token is checked
     * entirely under the configuration of the issuer its {@code iss} names.
     */
    public List<JwkGateConfig> perIssuer() {
        Map<String, String> additional = stringMap(Setting.ADDITIONAL_ISSUERS);
        if (additional.isEmpty()) {
            return List.of(this);
        }
        List<JwkGateConfig> all = new ArrayList<>();
        all.add(this);
        additional.forEach((issuer, source) -> {
            Map<Setting, Object> one = new EnumMap<>(values);
            boolean discovery = DISCOVERY_SOURCE.equals(source);
            one.put(Setting.ISSUER, issuer);
            one.put(Setting.DISCOVERY, discovery);
            one.put(Setting.JWKS_URI, discovery ? null : source);
            one.put(Setting.JWKS, null);
            one.put(Setting.JWKS_FILE, null);
            one.put(Setting.ADDITIONAL_ISSUERS, Map.of());
            all.add(new JwkGateConfig(one));
        });
        return List.copyOf(all);
    }

    /** Which kind of key source this configuration names. */
    public KeySourceKind keySourceKind() {
        if (bool(Setting.DISCOVERY)) {
            return KeySourceKind.DISCOVERY;
        }
        if (string(Setting.JWKS_URI) != null) {
            return KeySourceKind.REMOTE;
        }
        if (string(Setting.JWKS) != null) {
            return KeySourceKind.STATIC_TEXT;
        }
        if (string(Setting.JWKS_FILE) != null) {
            return KeySourceKind.STATIC_FILE;
        }
        return KeySourceKind.HMAC;
    }

    private Object get(Setting setting, SettingType expected) {
        if (setting.type() != expected) {
            throw new IllegalArgumentException(setting.settingName() + " is a " + setting.type().description());
        }
        return values.get(setting);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JwkGateConfig && values.equals(((JwkGateConfig) other).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Secrets (HMAC keys, passwords, request header values) are masked. */
    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((setting, value) -> {
            if (value == null || Objects.equals(value, setting.defaultValue())) {
                return;
            }
            shown.put(setting.settingName(), setting.secret() ? "***" : value);
        });
        return "JwkGateConfig" + shown;
    }

    /** The kinds of key source a configuration can name. */
    public enum KeySourceKind { DISCOVERY, REMOTE, STATIC_TEXT, STATIC_FILE, HMAC }

    /** Collects settings and refuses inconsistent combinations in {@link #build()}. */
    public static final class Builder {
        private final Map<Setting, Object> values = new EnumMap<>(Setting.class);

        private Builder(ConfigProfile profile) {
            for (Setting setting : Setting.values()) {
                values.put(setting, profile.defaultFor(setting));
            }
        }

        /** Sets a value already of the setting's Java type (String, Boolean, Integer, List, Map). */
        public Builder set(Setting setting, Object value) {
            values.put(setting, SettingValues.coerce(setting, Objects.requireNonNull(value, setting.settingName())));
            return this;
        }

        public Builder issuer(String issuer) {
            return set(Setting.ISSUER, issuer);
        }

        public Builder discovery(boolean discovery) {
            return set(Setting.DISCOVERY, discovery);
        }

        public Builder jwksUri(String uri) {
            return set(Setting.JWKS_URI, uri);
        }

        public Builder jwks(String json) {
            return set(Setting.JWKS, json);
        }

        public Builder audiences(String... audiences) {
            return set(Setting.AUDIENCES, List.of(audiences));
        }

        public Builder algorithms(String... algorithms) {
            return set(Setting.ALGORITHMS, List.of(algorithms));
        }

        public Builder requiredScopes(String... scopes) {
            return set(Setting.REQUIRED_SCOPES, List.of(scopes));
        }

        public JwkGateConfig build() {
            boolean hmac = !((Map<?, ?>) values.get(Setting.HMAC_SECRETS)).isEmpty();
            if (hmac && values.get(Setting.ALGORITHMS).equals(Setting.ALGORITHMS.defaultValue())) {
                values.put(Setting.ALGORITHMS, JwsAlgorithm.names(JwsAlgorithm::isHmac));
            }
            List<String> problems = new ArrayList<>();
            checkIssuerAndSource(problems, hmac);
            RULES.forEach(rule -> rule.problem(values).ifPresent(problems::add));
            checkAlgorithms(problems, hmac);
            checkRanges(problems);
            checkCriticalHeaders(problems);
            checkClaimPaths(problems);
            checkAdditionalIssuers(problems);
            checkConsumers(problems);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new JwkGateConfig(values);
        }

        private void checkIssuerAndSource(List<String> problems, boolean hmac) {
            String issuer = (String) values.get(Setting.ISSUER);
            if (issuer == null || issuer.isBlank()) {
                problems.add("issuer: required (the expected `iss` of every token)");
            }
            String jwksUri = (String) values.get(Setting.JWKS_URI);
            boolean allowHttp = (Boolean) values.get(Setting.ALLOW_HTTP);
            if (jwksUri != null) {
                UrlRules.check("jwks_uri", jwksUri, allowHttp).ifPresent(problems::add);
            }
            if ((Boolean) values.get(Setting.DISCOVERY) && issuer != null && !issuer.isBlank()) {
                UrlRules.check("issuer", issuer, allowHttp).ifPresent(problems::add);
            }
            if (hmac) {
                ((Map<?, ?>) values.get(Setting.HMAC_SECRETS)).forEach((kid, secret) -> {
                    try {
                        byte[] bytes = Base64.getUrlDecoder().decode((String) secret);
                        int shortest = JwsAlgorithm.HS256.fixedSignatureLength(); // RFC 7518 §3.2: the hash length
                        if (bytes.length < shortest) {
                            problems.add("hmac_secrets: the secret of kid '" + kid
                                    + "' has " + bytes.length + " bytes, at least " + shortest + " are required");
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add("hmac_secrets: the secret of kid '" + kid + "' is not base64url");
                    }
                });
            }
        }

        @SuppressWarnings("unchecked")
        private void checkAlgorithms(List<String> problems, boolean hmac) {
            List<String> algorithms = (List<String>) values.get(Setting.ALGORITHMS);
            if (algorithms.isEmpty()) {
                problems.add("algorithms: at least one algorithm is required");
            }
            for (String alg : algorithms) {
                Optional<JwsAlgorithm> known = JwsAlgorithm.byName(alg);
                if (alg.toLowerCase(Locale.ROOT).equals("none")) {
                    problems.add("algorithms: 'none' is never allowed");
                } else if (known.isEmpty()) {
                    problems.add("algorithms: unknown algorithm '" + alg + "' (known: "
                            + KNOWN_ALGORITHMS.stream().sorted().collect(Collectors.joining(", ")) + ")");
                } else if (known.get().isHmac() && !hmac) {
                    problems.add("algorithms: " + alg + " needs hmac_secrets; an HMAC algorithm never uses keys from a JWKS");
                } else if (!known.get().isHmac() && hmac) {
                    problems.add("algorithms: " + alg + " cannot be mixed with hmac_secrets");
                }
            }
        }

        private void checkRanges(List<String> problems) {
            RANGES.forEach((setting, range) -> range(problems, setting, range.min(), range.max()));
            String format = (String) values.get(Setting.AUDIT_LOG_FORMAT);
            if (AuditLogFormat.bySettingValue(format).isEmpty()) {
                problems.add("audit_log_format: '" + format + "' is neither text nor json");
            }
            int min = (Integer) values.get(Setting.CACHE_MIN_TTL_SECONDS);
            int max = (Integer) values.get(Setting.CACHE_MAX_TTL_SECONDS);
            int dflt = (Integer) values.get(Setting.CACHE_DEFAULT_TTL_SECONDS);
            if (min > max) {
                problems.add("cache_min_ttl_seconds: " + min + " is above cache_max_ttl_seconds " + max);
            } else if (dflt < min || dflt > max) {
                problems.add("cache_default_ttl_seconds: " + dflt + " is outside [cache_min_ttl_seconds "
                        + min + ", cache_max_ttl_seconds " + max + "]");
            }
        }

        private void range(List<String> problems, Setting setting, int min, int max) {
            int value = (Integer) values.get(setting);
            if (value < min || value > max) {
                problems.add(setting.settingName() + ": " + value + " is outside [" + min + ", " + max + "]");
            }
        }

        @SuppressWarnings("unchecked")
        private void checkConsumers(List<String> problems) {
            List<String> lookup = (List<String>) values.get(Setting.CONSUMER_LOOKUP);
            if (lookup.isEmpty()) {
                problems.add("consumer_lookup: name at least one of id, username");
            }
            for (String field : lookup) {
                if (field.equals("custom_id")) {
                    problems.add("consumer_lookup: custom_id cannot be searched: Kong's plugin-server PDK "
                            + "(kong.client.load_consumer) finds consumers by id or username only");
                } else if (!CONSUMER_FIELDS.contains(field)) {
                    problems.add("consumer_lookup: unknown consumer field '" + field + "' (known: "
                            + String.join(", ", CONSUMER_FIELDS) + ")");
                }
            }
            String anonymous = (String) values.get(Setting.ANONYMOUS);
            if (anonymous != null && anonymous.isEmpty()) {
                problems.add("anonymous: empty; leave it unset, or name a consumer id or username");
            }
        }

        @SuppressWarnings("unchecked")
        private void checkCriticalHeaders(List<String> problems) {
            for (String name : (List<String>) values.get(Setting.SUPPORTED_CRITICAL_HEADERS)) {
                if (REGISTERED_HEADERS.contains(name)) {
                    problems.add("supported_critical_headers: '" + name + "' is a registered header and can never be critical here");
                }
            }
        }

        /**
         * Each additional issuer is named once, apart from {@code issuer}, with a key source of its own: a JWKS URL
         * under the same URL rules as {@code jwks_uri}, or {@code discovery} from an issuer URL under the rules of
         * {@code issuer}. (That they are not combined with HMAC secrets is one of the {@link #RULES}.)
         */
        @SuppressWarnings("unchecked")
        private void checkAdditionalIssuers(List<String> problems) {
            Map<String, String> additional = (Map<String, String>) values.get(Setting.ADDITIONAL_ISSUERS);
            if (additional.isEmpty()) {
                return;
            }
            String name = Setting.ADDITIONAL_ISSUERS.settingName();
            boolean allowHttp = (Boolean) values.get(Setting.ALLOW_HTTP);
            additional.forEach((issuer, source) -> {
                if (issuer.isBlank()) {
                    problems.add(name + ": an issuer is empty");
                } else if (issuer.equals(values.get(Setting.ISSUER))) {
                    problems.add(name + ": '" + issuer + "' is already `issuer`; each issuer has one key source");
                } else if (DISCOVERY_SOURCE.equals(source)) {
                    UrlRules.check(name + " (issuer '" + issuer + "' with discovery)", issuer, allowHttp)
                            .ifPresent(problems::add);
                } else {
                    UrlRules.check(name + " (JWKS URL of issuer '" + issuer + "')", source, allowHttp)
                            .ifPresent(problems::add);
                }
            });
        }

        /** Every claim path a setting holds parses: the string, each list item, each map key. */
        private void checkClaimPaths(List<String> problems) {
            for (Setting setting : Setting.values()) {
                if (!setting.holdsClaimPaths() || values.get(setting) == null) {
                    continue;
                }
                Object value = values.get(setting);
                Collection<?> paths = value instanceof Map ? ((Map<?, ?>) value).keySet()
                        : value instanceof Collection ? (Collection<?>) value : List.of(value);
                for (Object path : paths) {
                    ClaimPath.problem((String) path).ifPresent(p -> problems.add(setting.settingName() + ": " + p));
                }
            }
        }
    }
}
