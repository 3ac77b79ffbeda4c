package dev.jwkgate.gateway;

import dev.jwkgate.audit.CorrelatedRequest;
import java.util.List;

/** The parts of an incoming HTTP request a gateway adapter hands to the core. */
public interface GatewayRequest extends CorrelatedRequest {

    /** All values of a header, looked up case-insensitively; empty when absent. */
    List<String> headerValues(String name);

    /** The first value of a query parameter, or null. */
    String queryParam(String name);

    /** The HTTP method, upper case (used to let CORS preflight through when configured). */
    String method();

    /** The gateway's id of this request, for audit lines; none unless the adapter knows where the gateway keeps it. */
    @Override
    default String requestId() {
        return null;
    }
}
