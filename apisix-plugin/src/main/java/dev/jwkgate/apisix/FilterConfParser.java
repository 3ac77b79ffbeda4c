package dev.jwkgate.apisix;

import dev.jwkgate.config.ConfigException;
import dev.jwkgate.config.Platform;
import dev.jwkgate.config.Setting;
import dev.jwkgate.gateway.PolicyLease;
import dev.jwkgate.json.JsonLimits;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the JSON text of a route's conf entry into a {@link FilterConf}.
 *
 * <p>The text holds core setting names only; reading and checking them is the core's job
 * ({@code GatewayPolicies.acquire}). This class only decodes JSON and logs why a configuration is
 * refused. The conf text itself is never logged: it may carry secrets (HMAC keys, request headers).
 */
public final class FilterConfParser {

    private static final Logger LOG = LoggerFactory.getLogger(FilterConfParser.class);

    /** Settings nest at most two levels (a map of lists); anything much deeper is not a configuration. */
    private static final int MAX_JSON_DEPTH = 8;

    private final Function<Map<String, ?>, PolicyLease> policies;

    /** @param policies the core's shared policies, normally {@code GatewayPolicies.shared()::acquire} */
    public FilterConfParser(Function<Map<String, ?>, PolicyLease> policies) {
        this.policies = policies;
    }

    /**
     * Never throws: a configuration that cannot be used becomes {@link FilterConf.Invalid}. A valid one holds its
     * policy until {@link FilterConf#release()}.
     */
    public FilterConf parse(String value) {
        try {
            PolicyLease lease = policies.apply(settings(value));
            return new FilterConf.Valid(lease.policy(), lease::close);
        } catch (ConfigException e) {
            return invalid(String.join("; ", e.problems()));
        } catch (RuntimeException e) {
            // the core promises ConfigException; anything else is still no reason to let requests through
            return invalid("the core could not build a policy (" + e.getClass().getName() + ")");
        }
    }

    private static Map<String, Object> settings(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException("conf value: empty; expected a JSON object of jwkgate settings");
        }
        if (!JsonLimits.withinDepth(value, MAX_JSON_DEPTH)) {
            throw new ConfigException("conf value: JSON nested deeper than " + MAX_JSON_DEPTH + " levels");
        }
        Map<String, Object> settings;
        try {
            settings = JsonUtil.parseJson(value);
        } catch (JoseException | ClassCastException e) {
            // the parser's message can quote the text, so it is not passed on
            throw new ConfigException("conf value: not a JSON object (or a setting is repeated)");
        }
        List<String> kongOnly = Setting.problemsOn(Platform.APISIX, settings.keySet());
        if (!kongOnly.isEmpty()) {
            throw new ConfigException(kongOnly);
        }
        return settings;
    }

    private static FilterConf invalid(String problem) {
        LOG.error("jwkgate: invalid configuration of filter '{}'; every request of its routes is refused "
                + "with 500 until it is fixed: {}", JwkGateFilter.NAME, problem);
        return new FilterConf.Invalid(problem);
    }
}
