package dev.jwkgate.gateway;

import dev.jwkgate.audit.CorrelatedRequest;
import java.util.Collection;
import java.util.List;

/** The parts of an incoming HTTP request a gateway adapter hands to the core. */
public interface GatewayRequest extends CorrelatedRequest {

    /** All values of a header, looked up ignoring case; empty when absent. */
    List<String> headerValues(String name);

    /**
     * Every header name the request carries, each once, spelled as the platform hands it over (Kong and APISIX
     * lower-case them). The core asks only when a name with {@code -} or {@code _} matters: it finds client
     * copies of forwarded headers under other spellings ({@code x_user_id} for {@code X-User-Id}).
     */
    Collection<String> headerNames();

    /**
     * How many header lines the platform handed over, each value of a repeated header counted. Gateways stop
     * reading at a cap, and the core refuses a request at the smallest one: the rest could hold a second token
     * or a client copy of a forwarded header.
     */
    int headerLineCount();

    /** Every value of a query parameter, in order (a valueless {@code ?name} gives ""); empty when absent. */
    List<String> queryParamValues(String name);

    /** How many query arguments the platform handed over (see {@link #headerLineCount}); asked only with query tokens. */
    int queryArgumentCount();

    /** The HTTP method, upper case (a CORS preflight is let through when {@code run_on_preflight} is false). */
    String method();

    /** The gateway's id of this request, for audit lines; none unless the adapter knows where the gateway keeps it. */
    @Override
    default String requestId() {
        return null;
    }

    /**
     * Whether an earlier auth plugin already authenticated the request with a credential (Kong:
     * {@code kong.client.get_credential()}). Asked only when {@code anonymous} is set: Kong's auth plugins then skip
     * a request another one has authenticated. Platforms without the notion answer false.
     */
    default boolean authenticatedEarlier() {
        return false;
    }
}
