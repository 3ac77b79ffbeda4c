package dev.jwkgate.apisix.runner;

import com.google.common.cache.Cache;
import dev.jwkgate.apisix.FilterConfParser;
import dev.jwkgate.apisix.FilterConfs;
import dev.jwkgate.apisix.JwkGateFilter;
import dev.jwkgate.apisix.PrepareConfWatcher;
import dev.jwkgate.gateway.GatewayPolicies;
import org.apache.apisix.plugin.runner.A6Conf;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The jwkgate beans the runner picks up: the filter, the PrepareConf watcher, the start-up check, and the conf
 * token cache in place of the runner's own (the same expiry and capacity, releasing what a forgotten token held).
 */
@Configuration(proxyBeanMethods = false)
public class JwkGateRunnerConfiguration {

    @Bean
    FilterConfs jwkGateFilterConfs() {
        return new FilterConfs(new FilterConfParser(GatewayPolicies.shared()::acquire)::parse);
    }

    /** Named as the runner's bean, whose {@code ApplicationRunner} looks it up by type. */
    @Bean
    Cache<Long, A6Conf> configurationCache(@Value("${cache.config.expired:3610}") long expired,
                                           @Value("${cache.config.capacity:1000}") int capacity, FilterConfs confs) {
        return ConfTokenCache.create(expired, capacity, confs);
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
