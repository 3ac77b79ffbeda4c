package dev.jwkgate.apisix.runner;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.apisix.FilterConfs;
import dev.jwkgate.apisix.JwkGateFilter;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class FilterRegistrationCheckTest {

    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

    private void check() {
        new FilterRegistrationCheck(beans.getBeanProvider(PluginFilter.class)).afterSingletonsInstantiated();
    }

    @Test
    void letsTheRunnerStartWhenTheJwkGateFilterIsRegistered() {
        beans.addBean("jwkgate", new JwkGateFilter(new FilterConfs(value -> null)));

        assertThatCode(this::check).doesNotThrowAnyException();
    }

    @Test
    void stopsTheRunnerWhenTheFilterIsMissingBecauseItsRoutesWouldPassUnauthenticated() {
        assertThatThrownBy(this::check).isInstanceOf(IllegalStateException.class).hasMessageContaining("jwkgate");
    }

    @Test
    void stopsTheRunnerWhenAnotherFilterClaimsTheSameName() {
        beans.addBean("jwkgate", new JwkGateFilter(new FilterConfs(value -> null)));
        beans.addBean("impostor", new PluginFilter() {
            @Override
            public String name() {
                return JwkGateFilter.NAME;
            }
        });

        assertThatThrownBy(this::check).isInstanceOf(IllegalStateException.class);
    }
}
