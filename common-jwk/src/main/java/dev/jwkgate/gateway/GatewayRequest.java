package dev.jwkgate.gateway;

import java.util.Collection;
import java.util.List;

/** The parts of an incoming HTTP request a gateway adapter hands to the core. */
public interface GatewayRequest {

    /** All values of a header, looked up ignoring case; empty when absent. */
    List<String> headerValues(String name);

    /**
     * Every header name the request carries, each once, spelled as the platform hands it over (Kong and APISIX
     * lower-case them). The core asks only when a name with {@code -} or {@code _} matters: it finds client
     * copies of forwarded headers under other spellings ({@code x_user_id} for {@code X-User-Id}).
     */
    Collection<String> headerNames();

    /**
     * Whether the platform handed over fewer header lines than the request carries, because it stops reading at
     * a cap (Kong's {@code get_headers(max)}, APISIX's {@code ngx.req.get_headers()}): the rest could hold a
     * second token or a client copy of a forwarded header, so the core refuses such a request.
     */
    boolean headersTruncated();

    /** Every value of a query parameter, in order (a valueless {@code ?name} gives ""); empty when absent. */
    List<String> queryParamValues(String name);

    /** Whether the platform handed over fewer query arguments than the request carries (see {@link #headersTruncated}). */
    boolean queryTruncated();

    /** The HTTP method, upper case (a CORS preflight is let through when {@code run_on_preflight} is false). */
    String method();
}
