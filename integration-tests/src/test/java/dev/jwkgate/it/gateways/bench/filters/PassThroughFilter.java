package dev.jwkgate.it.gateways.bench.filters;

import org.apache.apisix.plugin.runner.HttpRequest;
import org.apache.apisix.plugin.runner.HttpResponse;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;

/** A filter that changes nothing: the runner's own cost per request, the load driver's baseline. */
public final class PassThroughFilter implements PluginFilter {

    public static final String NAME = "pass-through";

    /**
     * A request with this query argument is answered 204: it tells the driver the filter is really loaded,
     * since the runner also passes requests of a filter name it does not know.
     */
    public static final String PROBE_ARG = "pass-through-probe";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void filter(HttpRequest request, HttpResponse response, PluginFilterChain chain) {
        if (request.getArgs().containsKey(PROBE_ARG)) {
            response.setStatusCode(204);
            return;
        }
        chain.filter(request, response);
    }
}
