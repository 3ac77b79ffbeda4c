package dev.jwkgate.apisix.bench;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds {@link PassThroughFilter} to the packaged runner as a Spring Boot auto-configuration, the way any
 * extra filter can be added without rebuilding the jar ({@code loader.path} plus
 * {@code META-INF/spring.factories}). Only the load driver does this; the shipped jar has no such filter.
 */
@Configuration(proxyBeanMethods = false)
public class PassThroughFilterConfiguration {

    @Bean
    PassThroughFilter passThroughFilter() {
        return new PassThroughFilter();
    }
}
