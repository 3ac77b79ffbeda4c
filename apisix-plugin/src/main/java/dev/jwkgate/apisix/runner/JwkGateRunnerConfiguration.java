package dev.jwkgate.apisix.runner;

import com.google.common.cache.Cache;
import dev.jwkgate.apisix.FilterConfParser;
import dev.jwkgate.apisix.FilterConfs;
import dev.jwkgate.apisix.JwkGateFilter;
import dev.jwkgate.apisix.PrepareConfWatcher;
import dev.jwkgate.gateway.GatewayPolicies;
import dev.jwkgate.observability.StatusPort;
import dev.jwkgate.observability.StatusServer;
import java.util.Optional;
import org.apache.apisix.plugin.runner.A6Conf;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The jwkgate beans the runner picks up: the filter, the PrepareConf watcher, the start-up check, the conf
 * token cache in place of the runner's own (the same expiry and capacity, releasing what a forgotten token held),
 * and the status port when {@code jwkgate.status.port} is set.
 */
@Configuration(proxyBeanMethods = false)
public class JwkGateRunnerConfiguration {

    /**
     * Metrics and health on 127.0.0.1, off unless {@code jwkgate.status.port} is set (a system property, an
     * environment variable {@code JWKGATE_STATUS_PORT} or an argument, as any Spring property). Built before the
     * conf cache, so the recorder is bound before any route's policy is.
     */
    @Bean
    StatusPortHolder jwkGateStatusPort(@Value("${" + StatusPort.PROPERTY + ":}") String port) {
        return new StatusPortHolder(StatusPort.start(port));
    }

    /** The status server, closed with the application context. */
    static final class StatusPortHolder implements AutoCloseable {
        private final Optional<StatusServer> server;

        StatusPortHolder(Optional<StatusServer> server) {
            this.server = server;
        }

        @Override
        public void close() {
            server.ifPresent(StatusServer::close);
        }
    }

    /** Takes the status port only to be built after it: policies count with the recorder bound when they are built. */
    @Bean
    FilterConfs jwkGateFilterConfs(StatusPortHolder statusPort) {
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
