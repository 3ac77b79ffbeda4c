package dev.jwkgate.it.gateways.bench.filters;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the baseline filters ({@link PassThroughFilter}, {@link RewriteOneHeaderFilter}) to the packaged runner as
 * a Spring Boot auto-configuration, the way any extra filter can be added without rebuilding the jar
 * ({@code loader.path} plus {@code META-INF/spring.factories}, written by {@link LoaderPath}). Only the runner's
 * load driver and the real-gateway benchmark do this; the shipped jar has no such filter.
 */
@Configuration(proxyBeanMethods = false)
public class PassThroughFilterConfiguration {

    @Bean
    PassThroughFilter passThroughFilter() {
        return new PassThroughFilter();
    }

    @Bean
    RewriteOneHeaderFilter rewriteOneHeaderFilter() {
        return new RewriteOneHeaderFilter();
    }
}
