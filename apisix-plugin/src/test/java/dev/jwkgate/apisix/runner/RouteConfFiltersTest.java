package dev.jwkgate.apisix.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.FilterConfs;
import dev.jwkgate.apisix.JwkGateFilter;
import java.util.List;
import java.util.Map;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.junit.jupiter.api.Test;

/** A route conf runs the filters it names, or is refused: never skipped into a pass (issue 16 item 5). */
class RouteConfFiltersTest {

    private final JwkGateFilter jwkgate = new JwkGateFilter(new FilterConfs(value -> null));
    private final PluginFilter other = () -> "other";
    private final Map<String, PluginFilter> known = Map.of("jwkgate", jwkgate, "other", other);

    @Test
    void runsTheNamedFiltersInTheConfsOrder() {
        RouteConfFilters chain = RouteConfFilters.of(List.of("other", "jwkgate"), known);
        assertThat(chain.refused()).isFalse();
        assertThat(chain.filters()).containsExactly(other, jwkgate);
    }

    @Test
    void refusesAConfNamingAFilterTheRunnerLacks() {
        RouteConfFilters chain = RouteConfFilters.of(List.of("jwkgat"), known);
        assertThat(chain.refused()).isTrue();
        assertThat(chain.filters()).isEmpty();
        assertThat(chain.problems()).singleElement().asString().contains("'jwkgat'").contains("does not have");
    }

    @Test
    void refusesAConfNamingJwkgateTwice() {
        RouteConfFilters chain = RouteConfFilters.of(List.of("jwkgate", "jwkgate"), known);
        assertThat(chain.refused()).isTrue();
        assertThat(chain.problems()).singleElement().asString().contains("twice");
    }

    @Test
    void refusesAConfThatNamesAnUnknownFilterBesideJwkgate() {
        assertThat(RouteConfFilters.of(List.of("jwkgate", "auth-typo"), known).refused()).isTrue();
    }

    @Test
    void quotesAnUnknownNameSafelyForTheLog() {
        RouteConfFilters chain = RouteConfFilters.of(List.of("x\nforged log line"), known);
        assertThat(chain.problems()).singleElement().asString().doesNotContain("\n");
    }
}
