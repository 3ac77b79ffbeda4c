package dev.jwkgate.apisix;

import dev.jwkgate.gateway.GatewayRequest;
import io.github.api7.A6.HTTPReqCall.Req;
import io.github.api7.A6.TextEntry;
import java.util.ArrayList;
import java.util.List;
import org.apache.apisix.plugin.runner.HttpRequest;

/** One APISIX request call seen as the core's {@link GatewayRequest}. */
final class ApisixGatewayRequest implements GatewayRequest {

    private final HttpRequest request;
    private final Req call;

    ApisixGatewayRequest(HttpRequest request) {
        this.request = request;
        this.call = ReqCallEntries.of(request);
    }

    /** APISIX sends lower-case names, but the contract is case-insensitive, so it is honoured here too. */
    @Override
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>(1);
        TextEntry entry = new TextEntry();
        for (int i = 0; i < call.headersLength(); i++) {
            call.headers(entry, i);
            String value = entry.value();
            if (value != null && name.equalsIgnoreCase(entry.name())) {
                values.add(value);
            }
        }
        return values;
    }

    /** Query parameter names are case-sensitive; a valueless {@code ?name} has no value. */
    @Override
    public String queryParam(String name) {
        TextEntry entry = new TextEntry();
        for (int i = 0; i < call.argsLength(); i++) {
            call.args(entry, i);
            if (name.equals(entry.name())) {
                return entry.value();
            }
        }
        return null;
    }

    @Override
    public String method() {
        return request.getMethod().name();
    }
}
