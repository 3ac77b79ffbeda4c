package dev.jwkgate.apisix;

import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.gateway.GatewayPolicy;
import dev.jwkgate.gateway.GatewayRequest;
import dev.jwkgate.result.HttpRejection;
import java.util.Objects;

/** The parsed {@code value} of one route's jwkgate conf entry: a core policy, or a refusal to serve. */
@FunctionalInterface
public interface FilterConf {

    /** What to do with one request of a route using this configuration. */
    GatewayDecision decide(GatewayRequest request);

    /** A configuration the core accepted; every decision is the core's. */
    record Valid(GatewayPolicy policy) implements FilterConf {
        public Valid {
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public GatewayDecision decide(GatewayRequest request) {
            return policy.decide(request);
        }
    }

    /**
     * A configuration that could not be read. It fails closed: every request is refused with the core's
     * 500 answer, because passing requests unauthenticated is worse than an outage of one route.
     *
     * @param problem what is wrong, naming the bad setting; for the log, never sent to the client
     */
    record Invalid(String problem) implements FilterConf {
        /** The core's answer for its own failure: 500, no challenge, reason {@code internal_error}. */
        static final HttpRejection INTERNAL_ERROR = HttpRejection.internalError();

        private static final GatewayDecision REFUSED = GatewayDecision.refused(null, INTERNAL_ERROR);

        @Override
        public GatewayDecision decide(GatewayRequest request) {
            return REFUSED;
        }
    }
}
