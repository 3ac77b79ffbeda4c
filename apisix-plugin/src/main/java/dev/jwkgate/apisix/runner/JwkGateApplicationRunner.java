package dev.jwkgate.apisix.runner;

import com.google.common.cache.Cache;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.apisix.plugin.runner.A6Conf;
import org.apache.apisix.plugin.runner.A6ConfigWatcher;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.apache.apisix.plugin.runner.handler.PrepareConfHandler;
import org.apache.apisix.plugin.runner.server.ApplicationRunner;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Runner 0.4.0's server (socket, Netty pipeline) with one part replaced: PrepareConf is answered by
 * {@link FailClosedPrepareConfHandler}, so a route conf naming a filter this runner lacks, or jwkgate twice,
 * fails closed instead of being skipped.
 */
public class JwkGateApplicationRunner extends ApplicationRunner {

    public JwkGateApplicationRunner(Cache<Long, A6Conf> cache, ObjectProvider<PluginFilter> filterProvider,
                                    ObjectProvider<A6ConfigWatcher> watcherProvider) {
        super(cache, filterProvider, watcherProvider);
    }

    @Override
    public PrepareConfHandler createConfigReqHandler(Cache<Long, A6Conf> cache, ObjectProvider<PluginFilter> filters,
                                                     ObjectProvider<A6ConfigWatcher> watchers) {
        Map<String, PluginFilter> byName = new LinkedHashMap<>();
        // as the runner does; FilterRegistrationCheck has made sure exactly one filter is named jwkgate
        filters.orderedStream().forEach(filter -> byName.put(filter.name(), filter));
        List<A6ConfigWatcher> watcherList = watchers.orderedStream().collect(Collectors.toList());
        return new FailClosedPrepareConfHandler(cache, byName, watcherList);
    }
}
