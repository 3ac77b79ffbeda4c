package dev.jwkgate.gateway;

import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ValidationResult;
import java.util.List;
import java.util.Objects;

/**
 * What a gateway must do with a request: pass it upstream with these changes, or answer it with
 * {@link #rejection()}. An adapter carries it out with its platform's calls and decides nothing.
 *
 * @param result        the core's verdict (null when no token was looked at: none found, or a preflight let through)
 * @param rejection     the answer to send when refused; null when allowed
 * @param headerChanges the upstream header changes, removals first, then sets; no name appears twice (ignoring
 *                      case), so they may be applied in any order
 * @param query         the upstream query-string change
 * @param consumer      who the allowed request belongs to, on a platform with consumers (Kong); null when nothing is
 *                      to be told. With it, the request may still be refused: by {@link ConsumerMapping#ifConsumerMissing()}
 */
public record GatewayDecision(ValidationResult result, HttpRejection rejection, List<HeaderChange> headerChanges,
                              QueryRewrite query, ConsumerMapping consumer) {

    public GatewayDecision {
        headerChanges = List.copyOf(headerChanges);
        Objects.requireNonNull(query, "query");
    }

    /** A decision that tells the platform of no consumer. */
    public GatewayDecision(ValidationResult result, HttpRejection rejection, List<HeaderChange> headerChanges,
                           QueryRewrite query) {
        this(result, rejection, headerChanges, query, null);
    }

    /** A refusal: nothing changes upstream, since nothing goes there. */
    public static GatewayDecision refused(ValidationResult result, HttpRejection rejection) {
        return new GatewayDecision(result, Objects.requireNonNull(rejection, "rejection"), List.of(), QueryRewrite.NONE);
    }

    public boolean allowed() {
        return rejection == null;
    }
}
