package dev.jwkgate.apisix.runner;

import com.google.common.cache.Cache;
import dev.jwkgate.apisix.RefusedConfFilter;
import io.github.api7.A6.PrepareConf.Req;
import io.github.api7.A6.TextEntry;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.apisix.plugin.runner.A6Conf;
import org.apache.apisix.plugin.runner.A6ConfigRequest;
import org.apache.apisix.plugin.runner.A6ConfigResponse;
import org.apache.apisix.plugin.runner.A6ConfigWatcher;
import org.apache.apisix.plugin.runner.A6Request;
import org.apache.apisix.plugin.runner.constants.Constants;
import org.apache.apisix.plugin.runner.filter.PluginFilter;
import org.apache.apisix.plugin.runner.filter.PluginFilterChain;
import org.apache.apisix.plugin.runner.handler.PrepareConfHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PrepareConf as runner 0.4.0's {@link PrepareConfHandler} answers it (a new conf token whose {@link A6Conf}
 * holds the conf values and the named filters, the watchers told), except that a conf {@link RouteConfFilters}
 * refuses gets a chain of one {@link RefusedConfFilter}: every request of that route is answered 500, never passed,
 * and one log line says why. Also unlike 0.4.0, the answer is written once (0.4.0 writes it twice, which makes
 * APISIX drop the connection for the unread bytes), and a token already in use is never handed out again.
 */
final class FailClosedPrepareConfHandler extends PrepareConfHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FailClosedPrepareConfHandler.class);

    private final Cache<Long, A6Conf> cache;
    private final Map<String, PluginFilter> filters;
    private final List<A6ConfigWatcher> watchers;

    FailClosedPrepareConfHandler(Cache<Long, A6Conf> cache, Map<String, PluginFilter> filters,
                                 List<A6ConfigWatcher> watchers) {
        super(cache, filters, watchers);
        this.cache = cache;
        this.filters = Map.copyOf(filters);
        this.watchers = List.copyOf(watchers);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, A6Request request) {
        if (request.getType() != Constants.RPC_PREPARE_CONF) {
            ctx.fireChannelRead(request);
            return;
        }
        Req req = ((A6ConfigRequest) request).getReq();
        List<String> names = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < req.confLength(); i++) {
            TextEntry entry = req.conf(i);
            names.add(entry.name());
            values.put(entry.name(), entry.value());
        }
        RouteConfFilters chain = RouteConfFilters.of(names, filters);
        A6Conf conf = chain.refused()
                ? new A6Conf(Map.of(), new PluginFilterChain(List.of(new RefusedConfFilter())))
                : new A6Conf(values, new PluginFilterChain(chain.filters()));
        long token = register(conf);
        if (chain.refused()) {
            LOG.error("jwkgate: route conf refused (conf token {}): {}; every request of the route is answered "
                    + "with 500 until its ext-plugin conf is fixed", token, String.join("; ", chain.problems()));
        } else {
            for (A6ConfigWatcher watcher : watchers) {
                watcher.watch(token, conf);
            }
        }
        ctx.writeAndFlush(new A6ConfigResponse(token));
    }

    /** A fresh token (1 to 2^31 - 2, as the runner draws them) that no live conf holds. */
    private long register(A6Conf conf) {
        while (true) {
            long token = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            if (cache.asMap().putIfAbsent(token, conf) == null) {
                return token;
            }
        }
    }
}
