package dev.jwkgate.apisix.runner;

import dev.jwkgate.apisix.JwkGateFilter;
import dev.jwkgate.apisix.ReqCallEntries;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Refuses to start a runner in which routes naming {@value JwkGateFilter#NAME} would not reach the
 * jwkgate filter. The runner keys filters by name and skips unknown ones, letting their requests
 * through, so a missing filter, or another filter of the same name shadowing it, must stop the
 * process rather than fail open.
 */
final class FilterRegistrationCheck implements SmartInitializingSingleton {

    private final ObjectProvider<PluginFilter> filters;

    FilterRegistrationCheck(ObjectProvider<PluginFilter> filters) {
        this.filters = filters;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<PluginFilter> named = filters.orderedStream()
                .filter(filter -> JwkGateFilter.NAME.equals(filter.name()))
                .collect(Collectors.toList());
        if (named.size() != 1 || !(named.get(0) instanceof JwkGateFilter)) {
            throw new IllegalStateException("exactly one filter named '" + JwkGateFilter.NAME
                    + "' must be the jwkgate filter, found: " + named.stream()
                    .map(filter -> filter.getClass().getName()).collect(Collectors.toList()));
        }
        ReqCallEntries.check();
    }
}
