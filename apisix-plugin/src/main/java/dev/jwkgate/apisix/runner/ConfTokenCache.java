package dev.jwkgate.apisix.runner;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.RemovalNotification;
import dev.jwkgate.apisix.FilterConfs;
import dev.jwkgate.apisix.JwkGateFilter;
import java.util.concurrent.TimeUnit;
import org.apache.apisix.plugin.runner.A6Conf;

/**
 * The runner's conf tokens, kept as runner 0.4.0's own {@code A6HandlerConfiguration} keeps them (expiry
 * {@code cache.config.expired} + 10 seconds after PrepareConf, at most {@code cache.config.capacity} tokens), and
 * one thing more: a token the cache lets go of, expired or evicted, releases its jwkgate configuration, so the
 * policy and key source of a route APISIX no longer uses are closed. Guava evicts during the cache's own upkeep,
 * that is on a later PrepareConf or request.
 */
final class ConfTokenCache {

    private ConfTokenCache() {
    }

    static Cache<Long, A6Conf> create(long expiredSeconds, int capacity, FilterConfs confs) {
        return create(expiredSeconds, capacity, confs, Ticker.systemTicker());
    }

    /** With a given clock (tests). */
    static Cache<Long, A6Conf> create(long expiredSeconds, int capacity, FilterConfs confs, Ticker ticker) {
        return CacheBuilder.newBuilder()
                .expireAfterWrite(expiredSeconds + 10, TimeUnit.SECONDS)
                .maximumSize(capacity)
                .ticker(ticker)
                .removalListener((RemovalNotification<Long, A6Conf> removed) -> {
                    if (removed.getValue() != null) {
                        confs.release(removed.getValue().get(JwkGateFilter.NAME));
                    }
                })
                .build();
    }
}
