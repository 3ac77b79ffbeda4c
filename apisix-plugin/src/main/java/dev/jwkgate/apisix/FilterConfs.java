package dev.jwkgate.apisix;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.RemovalNotification;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Parsed configurations, one per conf token.
 *
 * <p>The runner builds a fresh {@code A6Conf}, with fresh strings, for every PrepareConf and hands the
 * filter that very string on each request of the conf token. Keying weakly by string identity therefore
 * parses exactly once per conf token: no second expiry clock to keep in step with
 * {@code APISIX_CONF_EXPIRE_TIME}. A miss only costs a parse.
 *
 * <p>When the runner forgets a conf token (its conf cache expires or evicts it), {@link #release} drops the
 * entry, and a dropped entry, or one whose string was collected, gives its policy back to the core, so a route
 * removed from APISIX stops polling its key source.
 */
public final class FilterConfs {

    private final Function<String, FilterConf> parser;
    private final Cache<String, FilterConf> byConfText = CacheBuilder.newBuilder().weakKeys()
            .removalListener((RemovalNotification<String, FilterConf> removed) -> {
                if (removed.getValue() != null) {
                    removed.getValue().release();
                }
            })
            .build();

    /** @param parser turns a conf value (possibly null) into a configuration and never throws */
    public FilterConfs(Function<String, FilterConf> parser) {
        this.parser = parser;
    }

    /** The runner forgot the conf token whose jwkgate value is this string: its configuration is released. */
    public void release(String value) {
        if (value != null) {
            byConfText.invalidate(value);
        }
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
