package dev.jwkgate.apisix;

import dev.jwkgate.result.HttpRejection;
import org.apache.apisix.plugin.runner.HttpRequest;
import org.apache.apisix.plugin.runner.HttpResponse;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;

/**
 * The whole filter chain of a route conf the runner refused (it names a filter the runner lacks, or jwkgate
 * twice): every request is answered with the core's 500, and nothing after it runs. The reason was logged once,
 * when APISIX prepared the conf.
 */
public final class RefusedConfFilter implements PluginFilter {

    @Override
    public String name() {
        return "jwkgate-refused-conf";
    }

    @Override
    public void filter(HttpRequest request, HttpResponse response, PluginFilterChain chain) {
        DecisionWriter.stop(HttpRejection.internalError(), response);
    }
}
