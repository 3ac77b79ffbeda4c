package dev.jwkgate.gateway;

import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ValidationResult;
import java.util.Map;
import java.util.Set;

/**
 * What a gateway must do with a request: pass it upstream with these header changes, or answer it
 * with {@link #rejection()}.
 *
 * @param result               the core's verdict (null when no token was found)
 * @param rejection            the answer to send when refused; null when allowed
 * @param headersToRemove      lower-case header names to remove before forwarding (client-sent copies of
 *                             forwarded claim headers, the token header when stripped)
 * @param headersToSet         header name to value, set after the removals
 * @param queryParamsToRemove  query parameters to remove (a stripped token)
 */
public record GatewayDecision(ValidationResult result, HttpRejection rejection, Set<String> headersToRemove,
                              Map<String, String> headersToSet, Set<String> queryParamsToRemove) {

    public GatewayDecision {
        headersToRemove = Set.copyOf(headersToRemove);
        headersToSet = Map.copyOf(headersToSet);
        queryParamsToRemove = Set.copyOf(queryParamsToRemove);
    }

    public boolean allowed() {
        return rejection == null;
    }
}
