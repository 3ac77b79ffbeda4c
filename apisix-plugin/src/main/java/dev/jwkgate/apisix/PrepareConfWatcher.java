package dev.jwkgate.apisix;

import org.apache.apisix.plugin.runner.A6Conf;
import org.apache.apisix.plugin.runner.A6ConfigWatcher;

/**
 * Parses a route's configuration when APISIX prepares it (PrepareConf), so the first request of the
 * route does not pay for it and a bad configuration is logged as soon as the route is used.
 */
public final class PrepareConfWatcher implements A6ConfigWatcher {

    private final FilterConfs confs;

    public PrepareConfWatcher(FilterConfs confs) {
        this.confs = confs;
    }

    @Override
    public String name() {
        return JwkGateFilter.NAME;
    }

    @Override
    public void watch(long confToken, A6Conf conf) {
        String value = conf.get(JwkGateFilter.NAME);
        if (value != null) {
            confs.forValue(value);
        }
    }
}
