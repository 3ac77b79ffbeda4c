package dev.jwkgate.apisix;

import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.gateway.HeaderChange;
import dev.jwkgate.result.HttpRejection;
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

    /**
     * An allowed request: the core's header and argument changes, in a Rewrite (nothing at all if none). The
     * runner sends header changes from a {@code HashMap}, in no fixed order; the core's list names every header
     * once, so the order does not matter. A null value removes the header: APISIX hands it to
     * {@code core.request.set_header}, that is {@code ngx.req.set_header(name, nil)}, which removes every copy
     * whose name matches ignoring case, and takes names with {@code _} as they are.
     */
    static void rewrite(GatewayDecision decision, HttpRequest request) {
        for (HeaderChange change : decision.headerChanges()) {
            request.setHeader(change.name(), change.value());
        }
        // APISIX edits the args table by name and re-encodes the query from it (set_uri_args)
        for (String name : decision.query().removedParams()) {
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
