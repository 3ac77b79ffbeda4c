package dev.jwkgate.apisix.runner;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * The runnable APISIX Java plugin runner with the jwkgate filter built in; APISIX starts it through
 * {@code ext-plugin.cmd}.
 *
 * <p>It replaces the stock runner's main class, which finds filters by scanning only
 * {@code org.apache.apisix.plugin.runner}: a filter outside that package is silently skipped and its
 * routes pass unauthenticated. Here every bean is imported by name, so no package layout or scan decides
 * whether the filter exists, and {@link FilterRegistrationCheck} stops the process if it does not. The runner's
 * conf token cache ({@code A6HandlerConfiguration}) is replaced by {@link ConfTokenCache}, and its server by
 * {@link JwkGateApplicationRunner}, which refuses route confs that name unknown filters or jwkgate twice.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({JwkGateApplicationRunner.class, JwkGateRunnerConfiguration.class})
public class JwkGateRunnerApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(JwkGateRunnerApplication.class)
                .web(WebApplicationType.NONE)
                .run(args);
    }
}
