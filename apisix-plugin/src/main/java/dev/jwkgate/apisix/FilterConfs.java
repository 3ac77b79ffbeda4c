package dev.jwkgate.apisix;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Parsed configurations, one per conf token.
 *
 * <p>The runner builds a fresh {@code A6Conf}, with fresh strings, for every PrepareConf and hands the
 * filter that very string on each request of the conf token. Keying weakly by string identity therefore
 * parses exactly once per conf token, and an entry goes away when the runner forgets the token: no
 * second expiry clock to keep in step with {@code APISIX_CONF_EXPIRE_TIME}. A miss only costs a parse.
 */
public final class FilterConfs {

    private final Function<String, FilterConf> parser;
    private final Cache<String, FilterConf> byConfText = CacheBuilder.newBuilder().weakKeys().build();

    /** @param parser turns a conf value (possibly null) into a configuration and never throws */
    public FilterConfs(Function<String, FilterConf> parser) {
        this.parser = parser;
    }

    /** The parsed form of a conf value, parsing it on first sight of this string instance. */
    public FilterConf forValue(String value) {
        if (value == null) {
            return parser.apply(null);
        }
        FilterConf parsed = byConfText.getIfPresent(value); // every request but the first: no loader to build
        if (parsed != null) {
            return parsed;
        }
        try {
            return byConfText.get(value, () -> parser.apply(value));
        } catch (ExecutionException e) {
            throw new IllegalStateException("the parser never throws", e.getCause());
        }
    }
}
