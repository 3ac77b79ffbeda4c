package dev.jwkgate.gateway;

import dev.jwkgate.JwkGate;
import dev.jwkgate.KeySourceLease;
import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditEventType;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.metrics.ProcessMetrics;
import dev.jwkgate.metrics.ValidationMetrics;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.token.TokenValidator;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole gateway behaviour for one route configuration: find the token, validate it, and decide
 * the answer or the upstream header changes. Adapters only translate requests in and decisions out,
 * so Kong and APISIX answer every request alike. A request refused before its token reached the validator (none
 * found, an ambiguous one, an internal failure) is counted with the issuer's validations, so the counts add up to the
 * requests decided.
 */
public final class GatewayPolicy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayPolicy.class);

    private final JwkGateConfig config;
    private final TokenValidator validator;
    private final TokenLocator locator;
    private final ClaimHeaders claimHeaders;
    private final boolean stripToken;
    private final boolean runOnPreflight;
    private final String realm;
    private final ValidationMetrics validations;
    /** The configuration's audit log, shared with its validator (one budget for its refusal lines). */
    private final AuditListener audit;
    /** Releases the key source this policy built for itself; nothing for a policy around a given validator. */
    private final AutoCloseable keys;

    private GatewayPolicy(JwkGateConfig config, ClaimHeaders claimHeaders, TokenValidator validator, AuditListener audit,
                          AutoCloseable keys) {
        this.config = config;
        this.keys = keys;
        this.validator = validator;
        this.audit = audit;
        this.locator = new TokenLocator(config);
        this.claimHeaders = claimHeaders;
        this.stripToken = config.bool(Setting.STRIP_TOKEN);
        this.runOnPreflight = config.bool(Setting.RUN_ON_PREFLIGHT);
        this.realm = config.string(Setting.REALM);
        this.validations = ProcessMetrics.recorder().validations(config.issuer());
    }

    /**
     * A policy with the JVM-wide shared key sources; {@link #close()} releases its use of them.
     *
     * @throws dev.jwkgate.config.ConfigException when the gateway settings cannot be used (checked before any key
     *                                            source is built)
     */
    public static GatewayPolicy create(JwkGateConfig config) {
        return create(config, KeySourceRegistry.shared());
    }

    /**
     * A policy whose key source is one use of {@code sources}; {@link #close()} releases it, and the last release
     * of a shared remote source closes that source. The policy and its validator share one audit log.
     *
     * @throws dev.jwkgate.config.ConfigException when the settings cannot be used
     */
    public static GatewayPolicy create(JwkGateConfig config, KeySourceRegistry sources) {
        ClaimHeaders claimHeaders = new ClaimHeaders(config.stringMap(Setting.FORWARD_CLAIMS));
        AuditListener audit = JwkGate.auditLog(config);
        KeySourceLease keys = sources.lease(config, Clock.systemUTC(), audit);
        try {
            TokenValidator validator = JwkGate.builder(config).auditListener(audit).keySource(keys.source()).build();
            return new GatewayPolicy(config, claimHeaders, validator, audit, keys);
        } catch (RuntimeException e) {
            keys.close();
            throw e;
        }
    }

    /** A policy around a given validator (tests, embedding), with the configuration's audit log; the caller keeps its key source. */
    public static GatewayPolicy create(JwkGateConfig config, TokenValidator validator) {
        return new GatewayPolicy(config, new ClaimHeaders(config.stringMap(Setting.FORWARD_CLAIMS)), validator,
                JwkGate.auditLog(config), () -> { });
    }

    public JwkGateConfig config() {
        return config;
    }

    public TokenValidator validator() {
        return validator;
    }

    /**
     * Releases the key source this policy uses. Requests still being decided finish with the keys already loaded
     * only while another policy holds the same source; call it when no request can reach this policy any more
     * ({@link GatewayPolicies} does, when its last holder lets go).
     */
    @Override
    public void close() {
        try {
            keys.close();
        } catch (Exception e) {
            LOG.warn("releasing the key source of a policy failed: {}", e.getClass().getName());
        }
    }

    /** Never throws: an internal failure becomes a 500 decision, never a pass. */
    public GatewayDecision decide(GatewayRequest request) {
        boolean counted = false; // the validator counts every token it sees; a request is counted once
        try {
            Optional<LocatedToken> located = locator.locate(request);
            if (located.isEmpty()) {
                if (!runOnPreflight && isCorsPreflight(request)) {
                    return letPreflightThrough(request);
                }
                validations.refused(ReasonCode.MISSING_TOKEN);
                return refuse(null, ReasonCode.MISSING_TOKEN);
            }
            counted = true;
            ValidationResult result = validator.validate(located.get().token(), request);
            if (!result.isValid()) {
                return refuse(result, result.reason());
            }
            return allow(request, result, located.get());
        } catch (TokenLocator.AmbiguousTokenException e) {
            // through the audit log, whose budget bounds the lines a flood of such requests can cause
            reportRefused(ReasonCode.MALFORMED, e.getMessage(), request);
            validations.refused(ReasonCode.MALFORMED);
            return refuse(ValidationResult.refused(ReasonCode.MALFORMED, e.getMessage()), ReasonCode.MALFORMED);
        } catch (RuntimeException e) {
            // fail closed: the exception is logged without request data, which may hold the token
            LOG.error("internal error while deciding on a request: {}", e.getClass().getName(), e);
            if (!counted) {
                validations.refused(ReasonCode.INTERNAL_ERROR);
            }
            return refuse(ValidationResult.refused(ReasonCode.INTERNAL_ERROR, e.getClass().getName()),
                    ReasonCode.INTERNAL_ERROR);
        }
    }

    private void reportRefused(ReasonCode reason, String message, GatewayRequest request) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("reason", reason.code());
        attributes.put("message", message);
        attributes.put("token", "none");
        try {
            audit.onEvent(new AuditEvent(AuditEventType.TOKEN_REFUSED, Instant.now(), config.issuer(), attributes, request));
        } catch (RuntimeException e) {
            LOG.warn("audit listener failed on TOKEN_REFUSED: {}", e.getClass().getName());
        }
    }

    /**
     * A CORS preflight (Fetch standard: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}).
     * Browsers never attach credentials to one, which is why {@code run_on_preflight: false} exists; any other
     * {@code OPTIONS} request needs a token like every request.
     */
    private static boolean isCorsPreflight(GatewayRequest request) {
        return "OPTIONS".equals(request.method())
                && !request.headerValues("origin").isEmpty()
                && !request.headerValues("access-control-request-method").isEmpty();
    }

    /** Passes unchecked, but never with a client's copy of a header the upstream trusts as verified. */
    private GatewayDecision letPreflightThrough(GatewayRequest request) {
        HeaderChanges headers = new HeaderChanges();
        claimHeaders.removeClientCopies(request, headers);
        return new GatewayDecision(null, null, headers.toList(), QueryRewrite.NONE);
    }

    private GatewayDecision refuse(ValidationResult result, ReasonCode reason) {
        return GatewayDecision.refused(result, HttpRejection.of(reason, realm));
    }

    private GatewayDecision allow(GatewayRequest request, ValidationResult result, LocatedToken token) {
        HeaderChanges headers = new HeaderChanges();
        // client copies go first in the list, the verified values are set after them
        claimHeaders.removeClientCopies(request, headers);
        claimHeaders.headersFor(result.token()).forEach(headers::set);
        QueryRewrite query = QueryRewrite.NONE;
        if (stripToken) {
            query = strip(request, token, headers);
        }
        return new GatewayDecision(result, null, headers.toList(), query);
    }

    /** Removes the token from where it was found; a query token becomes the query change. */
    private static QueryRewrite strip(GatewayRequest request, LocatedToken token, HeaderChanges headers) {
        switch (token.where()) {
            case HEADER:
                headers.remove(token.name());
                if (UpstreamHeaderName.hasSeparator(token.name())) {
                    String key = UpstreamHeaderName.key(token.name());
                    for (String name : request.headerNames()) {
                        if (UpstreamHeaderName.key(name).equals(key)) {
                            headers.remove(name);
                        }
                    }
                }
                return QueryRewrite.NONE;
            case QUERY_PARAM:
                return QueryRewrite.removing(token.name());
            case COOKIE:
                // a forwarded claim set as Cookie (set earlier) wins over the client's remaining cookies
                String rest = Cookies.without(request.headerValues("cookie"), token.name());
                headers.remove("cookie");
                if (!rest.isEmpty()) {
                    headers.set("Cookie", rest);
                }
                return QueryRewrite.NONE;
            default:
                throw new IllegalStateException(token.where().name());
        }
    }
}
