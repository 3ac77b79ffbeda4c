package dev.jwkgate.gateway;

import dev.jwkgate.JwkGate;
import dev.jwkgate.KeySourceLease;
import dev.jwkgate.KeySourceRegistry;
import dev.jwkgate.audit.AuditEvent;
import dev.jwkgate.audit.AuditListener;
import dev.jwkgate.audit.TokenFingerprint;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole gateway behaviour for one route configuration: find the token, validate it, and decide
 * the answer or the upstream header changes. Adapters only translate requests in and decisions out,
 * so Kong and APISIX answer every request alike. A request refused before its token reached the validator (none
 * found, an ambiguous one, an internal failure) is counted with the issuer's validations, so the counts add up to the
 * requests decided. A valid token whose consumer is unknown counts once, as the validator's acceptance; its
 * {@code unknown_consumer} refusal is counted apart ({@link dev.jwkgate.metrics.ValidationMetrics#consumerNotFound()}).
 * With {@code anonymous} set, a refusal is still counted and logged under its reason,
 * then passed as the anonymous consumer.
 */
public final class GatewayPolicy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayPolicy.class);
    private static final String UNKNOWN_CONSUMER_MESSAGE = "no consumer matches the token's consumer claim";

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
    private final ConsumerPolicy consumers;
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
        this.consumers = new ConsumerPolicy(config);
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
        List<KeySourceLease> leases = new ArrayList<>(); // one per trusted issuer, each its own key source
        AutoCloseable keys = () -> leases.forEach(KeySourceLease::close);
        try {
            JwkGate.Builder builder = JwkGate.builder(config).auditListener(audit);
            for (JwkGateConfig issuer : config.perIssuer()) {
                KeySourceLease lease = sources.lease(issuer, Clock.systemUTC(), audit);
                leases.add(lease);
                builder.keySource(lease.source());
            }
            return new GatewayPolicy(config, claimHeaders, builder.build(), audit, keys);
        } catch (RuntimeException e) {
            leases.forEach(KeySourceLease::close);
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
            if (consumers.hasAnonymous() && request.authenticatedEarlier()) {
                // Kong's "logical OR" between auth plugins: another one authenticated the request, this one steps back
                return letThrough(request);
            }
            Optional<LocatedToken> located = locator.locate(request);
            if (located.isEmpty()) {
                if (!runOnPreflight && isCorsPreflight(request)) {
                    return letThrough(request);
                }
                validations.refused(ReasonCode.MISSING_TOKEN);
                return refuse(request, null, ReasonCode.MISSING_TOKEN);
            }
            counted = true;
            ValidationResult result = validator.validate(located.get().token(), request);
            if (!result.isValid()) {
                return refuse(request, result, result.reason());
            }
            String token = located.get().token();
            ConsumerMapping consumer = consumers.map(result.token(), () -> refuse(request,
                    ValidationResult.refused(ReasonCode.UNKNOWN_CONSUMER, UNKNOWN_CONSUMER_MESSAGE),
                    ReasonCode.UNKNOWN_CONSUMER), () -> reportUnknownConsumer(request, token));
            if (consumer.consumer() == null && consumer.ifConsumerMissing() != null) {
                return consumer.consumerMissing();
            }
            return allow(request, result, located.get(), consumer);
        } catch (TokenLocator.AmbiguousTokenException e) {
            // through the audit log, whose budget bounds the lines a flood of such requests can cause
            reportRefused(ReasonCode.MALFORMED, e.getMessage(), "none", request);
            validations.refused(ReasonCode.MALFORMED);
            return refuse(request, ValidationResult.refused(ReasonCode.MALFORMED, e.getMessage()), ReasonCode.MALFORMED);
        } catch (RuntimeException e) {
            // fail closed: the exception is logged without request data, which may hold the token
            LOG.error("internal error while deciding on a request: {}", e.getClass().getName(), e);
            if (!counted) {
                validations.refused(ReasonCode.INTERNAL_ERROR);
            }
            return GatewayDecision.refused(ValidationResult.refused(ReasonCode.INTERNAL_ERROR, e.getClass().getName()),
                    HttpRejection.of(ReasonCode.INTERNAL_ERROR, realm));
        }
    }

    /**
     * A valid token naming no consumer, when the refusal (or the anonymous pass) is carried out: reported like the
     * validator's refusals, through the same audit log and its budget. The validator has counted the request's verdict
     * (accepted), so the missing consumer is counted apart, never as a second verdict.
     */
    private void reportUnknownConsumer(GatewayRequest request, String token) {
        try {
            validations.consumerNotFound();
            reportRefused(ReasonCode.UNKNOWN_CONSUMER, UNKNOWN_CONSUMER_MESSAGE, TokenFingerprint.of(token), request);
        } catch (RuntimeException e) {
            // called by the adapter while it carries out the refusal: reporting must not change it
            LOG.warn("reporting an unknown consumer failed: {}", e.getClass().getName());
        }
    }

    private void reportRefused(ReasonCode reason, String message, String tokenFingerprint, GatewayRequest request) {
        try {
            audit.onEvent(AuditEvent.tokenRefused(Instant.now(), config.issuer(), reason.code(), message, tokenFingerprint,
                    request));
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
    private GatewayDecision letThrough(GatewayRequest request) {
        HeaderChanges headers = new HeaderChanges();
        claimHeaders.removeClientCopies(request, headers);
        return new GatewayDecision(null, null, headers.toList(), QueryRewrite.NONE);
    }

    /**
     * Refuses, or with {@code anonymous} set lets the request through as that consumer (Kong {@code jwt}: any failed
     * authentication). A 5xx is jwkgate's or the key source's failure, not the client's: it is never passed on.
     */
    private GatewayDecision refuse(GatewayRequest request, ValidationResult result, ReasonCode reason) {
        if (consumers.hasAnonymous() && reason.httpStatus() < 500) {
            HeaderChanges headers = new HeaderChanges();
            claimHeaders.removeClientCopies(request, headers);
            return new GatewayDecision(result, null, headers.toList(), QueryRewrite.NONE, consumers.anonymousConsumer());
        }
        return GatewayDecision.refused(result, HttpRejection.of(reason, realm));
    }

    private GatewayDecision allow(GatewayRequest request, ValidationResult result, LocatedToken token,
                                  ConsumerMapping consumer) {
        HeaderChanges headers = new HeaderChanges();
        // client copies go first in the list, the verified values are set after them
        claimHeaders.removeClientCopies(request, headers);
        claimHeaders.headersFor(result.token()).forEach(headers::set);
        QueryRewrite query = QueryRewrite.NONE;
        if (stripToken) {
            query = strip(request, token, headers);
        }
        return new GatewayDecision(result, null, headers.toList(), query, consumer.isEmpty() ? null : consumer);
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
