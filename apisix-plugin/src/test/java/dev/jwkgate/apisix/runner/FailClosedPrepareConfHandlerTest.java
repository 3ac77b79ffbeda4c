package dev.jwkgate.apisix.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.jwkgate.apisix.FilterConfs;
import dev.jwkgate.apisix.JwkGateFilter;
import dev.jwkgate.apisix.RefusedConfFilter;
import dev.jwkgate.apisix.peer.A6Messages;
import dev.jwkgate.apisix.peer.Entry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.apisix.plugin.runner.A6Conf;
import org.apache.apisix.plugin.runner.A6ConfigRequest;
import org.apache.apisix.plugin.runner.A6ConfigResponse;
import org.apache.apisix.plugin.runner.A6ConfigWatcher;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.junit.jupiter.api.Test;

class FailClosedPrepareConfHandlerTest {

    private final Cache<Long, A6Conf> cache = CacheBuilder.newBuilder().build();
    private final List<String> watched = new ArrayList<>();
    private final JwkGateFilter jwkgate = new JwkGateFilter(new FilterConfs(value -> null));
    private final EmbeddedChannel channel = new EmbeddedChannel(new FailClosedPrepareConfHandler(cache,
            Map.of(JwkGateFilter.NAME, jwkgate), List.of(new A6ConfigWatcher() {
                @Override
                public String name() {
                    return "recorder";
                }

                @Override
                public void watch(long confToken, A6Conf conf) {
                    watched.add(conf.get(JwkGateFilter.NAME));
                }
            })));

    private A6Conf prepare(Entry... conf) {
        channel.writeInbound(A6ConfigRequest.from(A6Messages.prepareConf(List.of(conf), "route#1")));
        A6ConfigResponse answer = channel.readOutbound();
        assertThat((Object) channel.readOutbound()).as("a second answer").isNull();
        return cache.getIfPresent(answer.getConfToken());
    }

    @Test
    void aConfNamingJwkgateOnceRunsTheJwkgateFilterAndTellsTheWatchers() {
        A6Conf conf = prepare(new Entry("jwkgate", "{\"issuer\":\"x\"}"));

        assertThat(conf.getChain().getFilters()).containsExactly(jwkgate);
        assertThat(conf.get(JwkGateFilter.NAME)).isEqualTo("{\"issuer\":\"x\"}");
        assertThat(watched).containsExactly("{\"issuer\":\"x\"}");
    }

    @Test
    void aConfNamingAnUnknownFilterGetsOnlyTheRefusingFilter() {
        A6Conf conf = prepare(new Entry("jwkgat", "{\"issuer\":\"x\"}"));

        List<PluginFilter> filters = conf.getChain().getFilters();
        assertThat(filters).singleElement().isInstanceOf(RefusedConfFilter.class);
        assertThat(conf.getConfig()).isEmpty();
        assertThat(watched).isEmpty();
    }

    @Test
    void aConfNamingJwkgateTwiceGetsOnlyTheRefusingFilter() {
        A6Conf conf = prepare(new Entry("jwkgate", "{\"issuer\":\"x\"}"), new Entry("jwkgate", "{\"issuer\":\"y\"}"));

        assertThat(conf.getChain().getFilters()).singleElement().isInstanceOf(RefusedConfFilter.class);
    }

    @Test
    void everyPrepareConfGetsATokenOfItsOwn() {
        for (int i = 0; i < 100; i++) {
            prepare(new Entry("jwkgate", "{}"));
        }
        assertThat(cache.size()).isEqualTo(100);
    }
}
