package dev.jwkgate.apisix;

import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.result.HttpRejection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.apisix.plugin.runner.HttpRequest;
import org.apache.apisix.plugin.runner.HttpResponse;

/**
 * Writes a core decision as the runner's answer: a Rewrite of the upstream request, or a Stop.
 *
 * <p>In runner 0.4.0 the answer's kind is the kind of the last call made, so the two are never mixed.
 */
final class DecisionWriter {

    private DecisionWriter() {
    }

    /** An allowed request: header and argument changes, in a Rewrite (nothing at all if none). */
    static void rewrite(GatewayDecision decision, HttpRequest request) {
        // The runner sends header changes from a HashMap, in no fixed order, and APISIX applies them in
        // the order received. A removal of a name that is also set could land after the set and delete
        // the verified value, so such names are only set: setting replaces every client-sent copy anyway.
        Set<String> setNames = decision.headersToSet().keySet().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        for (String name : decision.headersToRemove()) {
            if (!setNames.contains(name.toLowerCase(Locale.ROOT))) {
                request.setHeader(name, null);
            }
        }
        decision.headersToSet().forEach(request::setHeader);
        for (String name : decision.queryParamsToRemove()) {
            request.setArg(name, null);
        }
    }

    /** A refused request: status, {@code WWW-Authenticate} and the core's small JSON body, in a Stop. */
    static void stop(HttpRejection rejection, HttpResponse response) {
        response.setStatusCode(rejection.status());
        if (rejection.wwwAuthenticate() != null) {
            response.setHeader("WWW-Authenticate", rejection.wwwAuthenticate());
        }
        response.setHeader("Content-Type", rejection.contentType());
        response.setBody(rejection.body());
    }
}
