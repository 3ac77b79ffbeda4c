package dev.jwkgate.apisix.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import dev.jwkgate.apisix.FilterConf;
import dev.jwkgate.apisix.FilterConfs;
import dev.jwkgate.apisix.JwkGateFilter;
import dev.jwkgate.token.AttackCorpus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.apisix.plugin.runner.A6Conf;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;
import org.junit.jupiter.api.Test;

/** A conf token the runner forgets releases its jwkgate configuration (M3). */
class ConfTokenCacheTest {

    private final AtomicInteger released = new AtomicInteger();
    private final FilterConfs confs = new FilterConfs(value ->
            new FilterConf.Valid(AttackCorpus.cases().get(0).policy(), released::incrementAndGet));
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = new Ticker() {
        @Override
        public long read() {
            return nanos.get();
        }
    };

    private A6Conf prepared(Cache<Long, A6Conf> cache, long token) {
        String value = new String("{\"issuer\":\"x\"}"); // a fresh string per PrepareConf, as the runner decodes it
        A6Conf conf = new A6Conf(Map.of(JwkGateFilter.NAME, value), new PluginFilterChain(List.of()));
        cache.put(token, conf);
        confs.forValue(value); // the watcher parses it at PrepareConf
        return conf;
    }

    @Test
    void anExpiredConfTokenReleasesItsConfiguration() {
        Cache<Long, A6Conf> cache = ConfTokenCache.create(3600, 1000, confs, ticker);
        prepared(cache, 1);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3600 + 10 + 1));
        cache.cleanUp();

        assertThat(released).hasValue(1);
    }

    @Test
    void aConfTokenEvictedBeyondTheCapacityReleasesItsConfiguration() {
        Cache<Long, A6Conf> cache = ConfTokenCache.create(3600, 1, confs, ticker);
        prepared(cache, 1);
        prepared(cache, 2);
        cache.cleanUp();

        assertThat(released).hasValue(1);
    }

    @Test
    void aLiveConfTokenKeepsItsConfiguration() {
        Cache<Long, A6Conf> cache = ConfTokenCache.create(3600, 1000, confs, ticker);
        A6Conf conf = prepared(cache, 1);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3600));
        cache.cleanUp();

        assertThat(released).hasValue(0);
        assertThat(cache.getIfPresent(1L)).isSameAs(conf);
    }

    @Test
    void aConfWithoutAJwkGateEntryReleasesNothing() {
        Cache<Long, A6Conf> cache = ConfTokenCache.create(3600, 1000, confs, ticker);
        cache.put(1L, new A6Conf(Map.of("other", "{}"), new PluginFilterChain(List.of())));

        cache.invalidateAll();

        assertThat(released).hasValue(0);
    }
}
