package dev.jwkgate.apisix;

import dev.jwkgate.gateway.GatewayDecision;
import org.apache.apisix.plugin.runner.HttpRequest;
import org.apache.apisix.plugin.runner.HttpResponse;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The APISIX runner filter: asks the core about each request of a route and writes its answer.
 *
 * <p>Runs on the runner's Netty event loop, so it does no I/O of its own; the only waiting is the core's
 * bounded first load of a key set.
 */
public final class JwkGateFilter implements PluginFilter {

    /** The name routes use in {@code ext-plugin-pre-req.conf[].name}. */
    public static final String NAME = "jwkgate";

    private static final Logger LOG = LoggerFactory.getLogger(JwkGateFilter.class);

    private final FilterConfs confs;

    public JwkGateFilter(FilterConfs confs) {
        this.confs = confs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void filter(HttpRequest request, HttpResponse response, PluginFilterChain chain) {
        GatewayDecision decision;
        try {
            decision = confs.forValue(request.getConfig(this)).decide(new ApisixGatewayRequest(request));
        } catch (Throwable e) {
            // Left to the runner, this would become an RPC error: a 503, or a pass when the route has
            // allow_degradation. Refusing here keeps the route closed whatever its settings. An Error counts
            // too: a NoClassDefFoundError from a broken shade must not let requests through either.
            // The message is left out: an exception from deep in token parsing may quote token content.
            StackTraceElement[] at = e.getStackTrace();
            LOG.error("jwkgate: request refused because the filter failed: {} at {}", e.getClass().getName(),
                    at.length > 0 ? at[0] : "?");
            DecisionWriter.stop(FilterConf.Invalid.INTERNAL_ERROR, response);
            return;
        }
        if (!decision.allowed()) {
            DecisionWriter.stop(decision.rejection(), response);
            return; // the chain ends here: a later filter's Rewrite would turn this Stop into a pass
        }
        DecisionWriter.rewrite(decision, request);
        chain.filter(request, response);
    }
}
