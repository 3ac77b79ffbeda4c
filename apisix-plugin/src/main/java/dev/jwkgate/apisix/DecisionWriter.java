package dev.jwkgate.apisix;

import dev.jwkgate.gateway.GatewayDecision;
import dev.jwkgate.result.HttpRejection;
import java.util.Locale;
import java.util.Map;
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
        Map<String, String> set = decision.headersToSet();
        for (String name : decision.headersToRemove()) {
            if (!isSet(name, set)) {
                request.setHeader(name, null);
            }
        }
        for (Map.Entry<String, String> header : set.entrySet()) {
            request.setHeader(header.getKey(), header.getValue());
        }
        for (String name : decision.queryParamsToRemove()) {
            request.setArg(name, null);
        }
    }

    /** Whether {@code name} is one of the set names, compared lower-cased; a plain loop, as a decision sets few. */
    private static boolean isSet(String name, Map<String, String> set) {
        for (String setName : set.keySet()) {
            if (sameLowerCase(setName, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code a.toLowerCase(ROOT).equals(b.toLowerCase(ROOT))} without building the two strings when both are
     * ASCII (every real header name), where ignoring case is the same comparison. Other names keep the exact
     * Unicode rule: lower-casing can turn a non-ASCII letter into an ASCII one.
     */
    static boolean sameLowerCase(String a, String b) {
        if (isAscii(a) && isAscii(b)) {
            return a.equalsIgnoreCase(b);
        }
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
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
