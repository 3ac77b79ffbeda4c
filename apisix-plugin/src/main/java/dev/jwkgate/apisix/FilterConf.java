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

    /** The runner forgot the conf token: give back what the configuration holds. */
    default void release() {
    }

    /**
     * A configuration the core accepted; every decision is the core's.
     *
     * @param onRelease gives the policy back to the core ({@code PolicyLease::close}) when the conf is forgotten
     */
    record Valid(GatewayPolicy policy, Runnable onRelease) implements FilterConf {
        public Valid {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(onRelease, "onRelease");
        }

        /** Around a policy this configuration does not hold (tests). */
        public Valid(GatewayPolicy policy) {
            this(policy, () -> { });
        }

        @Override
        public GatewayDecision decide(GatewayRequest request) {
            return policy.decide(request);
        }

        @Override
        public void release() {
            onRelease.run();
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
