package dev.jwkgate.gateway;

import dev.jwkgate.JwkGate;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole gateway behaviour for one route configuration: find the token, validate it, and decide
 * the answer or the upstream header changes. Adapters only translate requests in and decisions out,
 * so Kong and APISIX answer every request alike. A request refused before its token reached the validator (none
 * found, an ambiguous one, an internal failure) is counted with the issuer's validations, so the counts add up to the
 * requests decided.
 */
public final class GatewayPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayPolicy.class);

    private final JwkGateConfig config;
    private final TokenValidator validator;
    private final TokenLocator locator;
    private final ClaimHeaders claimHeaders;
    private final boolean stripToken;
    private final String realm;
    private final ValidationMetrics validations;
    private final AuditListener audit;

    private GatewayPolicy(JwkGateConfig config, TokenValidator validator, AuditListener audit) {
        this.config = config;
        this.validator = validator;
        this.audit = audit;
        this.locator = new TokenLocator(config);
        this.claimHeaders = new ClaimHeaders(config.stringMap(Setting.FORWARD_CLAIMS));
        this.stripToken = config.bool(Setting.STRIP_TOKEN);
        this.realm = config.string(Setting.REALM);
        this.validations = ProcessMetrics.recorder().validations(config.issuer());
    }

    /** A policy with the JVM-wide shared key sources; the policy and its validator share one audit log. */
    public static GatewayPolicy create(JwkGateConfig config) {
        AuditListener audit = JwkGate.auditLog(config);
        return new GatewayPolicy(config, JwkGate.builder(config).auditListener(audit).build(), audit);
    }

    /** A policy around a given validator (tests, embedding), with the configuration's audit log. */
    public static GatewayPolicy create(JwkGateConfig config, TokenValidator validator) {
        return new GatewayPolicy(config, validator, JwkGate.auditLog(config));
    }

    public JwkGateConfig config() {
        return config;
    }

    public TokenValidator validator() {
        return validator;
    }

    /** Never throws: an internal failure becomes a 500 decision, never a pass. */
    public GatewayDecision decide(GatewayRequest request) {
        boolean counted = false; // the validator counts every token it sees; a request is counted once
        try {
            Optional<LocatedToken> located = locator.locate(request);
            if (located.isEmpty()) {
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

    private GatewayDecision refuse(ValidationResult result, ReasonCode reason) {
        return new GatewayDecision(result, HttpRejection.of(reason, realm), Set.of(), Map.of(), Set.of());
    }

    private GatewayDecision allow(GatewayRequest request, ValidationResult result, LocatedToken token) {
        Map<String, String> forwarded = claimHeaders.headersFor(result.token());
        if (!stripToken) {
            // every collection is already immutable, so the decision takes them without copying
            return new GatewayDecision(result, null, claimHeaders.headerNames(), forwarded, Set.of());
        }
        Set<String> remove = new LinkedHashSet<>(claimHeaders.headerNames());
        Map<String, String> set = new LinkedHashMap<>(forwarded);
        Set<String> removeParams = new LinkedHashSet<>();
        switch (token.where()) {
            case HEADER:
                remove.add(token.name());
                break;
            case QUERY_PARAM:
                removeParams.add(token.name());
                break;
            case COOKIE:
                List<String> cookieHeaders = request.headerValues("cookie");
                remove.add("cookie");
                String rest = Cookies.without(cookieHeaders, token.name());
                if (!rest.isEmpty()) {
                    set.put("Cookie", rest);
                }
                break;
            default:
                throw new IllegalStateException(token.where().name());
        }
        return new GatewayDecision(result, null, remove, set, removeParams);
    }
}
