package dev.jwkgate.apisix.runner;

import dev.jwkgate.apisix.FilterConfParser;
import dev.jwkgate.apisix.FilterConfs;
import dev.jwkgate.apisix.JwkGateFilter;
import dev.jwkgate.apisix.PrepareConfWatcher;
import dev.jwkgate.gateway.GatewayPolicies;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The jwkgate beans the runner picks up: the filter, the PrepareConf watcher and the start-up check. */
@Configuration(proxyBeanMethods = false)
public class JwkGateRunnerConfiguration {

    @Bean
    FilterConfs jwkGateFilterConfs() {
        return new FilterConfs(new FilterConfParser(GatewayPolicies.shared()::policyFor)::parse);
    }

    @Bean
    JwkGateFilter jwkGateFilter(FilterConfs confs) {
        return new JwkGateFilter(confs);
    }

    @Bean
    PrepareConfWatcher jwkGatePrepareConfWatcher(FilterConfs confs) {
        return new PrepareConfWatcher(confs);
    }

    @Bean
    FilterRegistrationCheck jwkGateFilterRegistrationCheck(ObjectProvider<PluginFilter> filters) {
        return new FilterRegistrationCheck(filters);
    }
}
