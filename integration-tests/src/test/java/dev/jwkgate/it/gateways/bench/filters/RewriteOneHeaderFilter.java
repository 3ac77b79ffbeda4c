package dev.jwkgate.it.gateways.bench.filters;

import org.apache.apisix.plugin.runner.HttpRequest;
import org.apache.apisix.plugin.runner.HttpResponse;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;

/**
 * A filter that checks nothing and answers with the shape of an allowed jwkgate request: a Rewrite that
 * sets one upstream header. The load driver's second baseline: what the runner itself charges for a
 * Rewrite instead of "continue", so jwkgate's own cost can be told apart from the runner's.
 */
public final class RewriteOneHeaderFilter implements PluginFilter {

    public static final String NAME = "rewrite-one-header";

    /** The header and a value as long as the load driver's forwarded subjects ({@code user-0} … {@code user-99}). */
    static final String HEADER = "X-User-Id";
    static final String VALUE = "user-00";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void filter(HttpRequest request, HttpResponse response, PluginFilterChain chain) {
        request.setHeader(HEADER, VALUE);
        chain.filter(request, response);
    }
}
