package dev.jwkgate.gateway;

import dev.jwkgate.JwkGate;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.Setting;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.ValidationResult;
import dev.jwkgate.token.TokenValidator;
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
 * so Kong and APISIX answer every request alike.
 */
public final class GatewayPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayPolicy.class);

    private final JwkGateConfig config;
    private final TokenValidator validator;
    private final TokenLocator locator;
    private final ClaimHeaders claimHeaders;
    private final boolean stripToken;
    private final String realm;

    private GatewayPolicy(JwkGateConfig config, TokenValidator validator) {
        this.config = config;
        this.validator = validator;
        this.locator = new TokenLocator(config);
        this.claimHeaders = new ClaimHeaders(config.stringMap(Setting.FORWARD_CLAIMS));
        this.stripToken = config.bool(Setting.STRIP_TOKEN);
        this.realm = config.string(Setting.REALM);
    }

    /** A policy with the JVM-wide shared key sources. */
    public static GatewayPolicy create(JwkGateConfig config) {
        return new GatewayPolicy(config, JwkGate.validator(config));
    }

    /** A policy around a given validator (tests, embedding). */
    public static GatewayPolicy create(JwkGateConfig config, TokenValidator validator) {
        return new GatewayPolicy(config, validator);
    }

    public JwkGateConfig config() {
        return config;
    }

    public TokenValidator validator() {
        return validator;
    }

    /** Never throws: an internal failure becomes a 500 decision, never a pass. */
    public GatewayDecision decide(GatewayRequest request) {
        try {
            Optional<LocatedToken> located = locator.locate(request);
            if (located.isEmpty()) {
                return refuse(null, ReasonCode.MISSING_TOKEN);
            }
            ValidationResult result = validator.validate(located.get().token());
            if (!result.isValid()) {
                return refuse(result, result.reason());
            }
            return allow(request, result, located.get());
        } catch (TokenLocator.AmbiguousTokenException e) {
            LOG.info("request refused: {}", e.getMessage());
            return refuse(ValidationResult.refused(ReasonCode.MALFORMED, e.getMessage()), ReasonCode.MALFORMED);
        } catch (RuntimeException e) {
            // fail closed: the exception is logged without request data, which may hold the token
            LOG.error("internal error while deciding on a request: {}", e.getClass().getName(), e);
            return refuse(ValidationResult.refused(ReasonCode.INTERNAL_ERROR, e.getClass().getName()),
                    ReasonCode.INTERNAL_ERROR);
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
