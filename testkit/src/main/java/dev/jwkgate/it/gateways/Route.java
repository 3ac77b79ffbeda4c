package dev.jwkgate.it.gateways;

import dev.jwkgate.it.e2e.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One route, configured alike on both gateways: requests to {@code /{name}} and {@code /{name}/…} go to the echo
 * upstream, through the jwkgate plugin when the route has a {@link Policy}, and through any other plugins it names.
 * The path always reaches the upstream unchanged (Kong: {@code strip_path: false}).
 *
 * @param apisixPlugins further APISIX plugins, plugin name to its configuration
 * @param kongPlugins further Kong plugins, each {@code {"name": …, "config": …}}
 */
public record Route(String name, Policy policy, Map<String, Object> apisixPlugins, List<Map<String, Object>> kongPlugins) {

    public Route {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("route names are lower-case path segments: " + name);
        }
        apisixPlugins = Map.copyOf(apisixPlugins);
        kongPlugins = List.copyOf(kongPlugins);
    }

    /** A route guarded by jwkgate with this policy. */
    public static Route jwkgate(String name, Policy policy) {
        return new Route(name, policy, Map.of(), List.of());
    }

    /** A route without any plugin. */
    public static Route open(String name) {
        return new Route(name, null, Map.of(), List.of());
    }

    /** The path prefix both gateways route on. */
    public String prefix() {
        return "/" + name + "/";
    }

    /** This route with one more APISIX plugin. */
    public Route withApisixPlugin(String plugin, Map<String, Object> config) {
        Map<String, Object> plugins = new LinkedHashMap<>(apisixPlugins);
        plugins.put(plugin, config);
        return new Route(name, policy, plugins, kongPlugins);
    }

    /** This route with one more Kong plugin. */
    public Route withKongPlugin(String plugin, Map<String, Object> config) {
        List<Map<String, Object>> plugins = new ArrayList<>(kongPlugins);
        plugins.add(Map.of("name", plugin, "config", config));
        return new Route(name, policy, apisixPlugins, plugins);
    }

    /** The route in APISIX's standalone {@code apisix.yaml}. */
    Map<String, Object> apisixRoute(int upstreamPort) {
        Map<String, Object> plugins = new LinkedHashMap<>();
        if (policy != null) {
            // allow_degradation false (the default, stated as the README asks): a runner that is down answers 503
            plugins.put("ext-plugin-pre-req", Map.of("allow_degradation", false,
                    "conf", List.of(Map.of("name", "jwkgate", "value", policy.apisixConf()))));
        }
        plugins.putAll(apisixPlugins);
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("id", name);
        route.put("uris", List.of("/" + name, prefix() + "*"));
        if (!plugins.isEmpty()) {
            route.put("plugins", plugins);
        }
        route.put("upstream", Map.of("type", "roundrobin", "nodes", Map.of("127.0.0.1:" + upstreamPort, 1)));
        return route;
    }

    /** The route in Kong's declarative configuration (all routes belong to the one echo service). */
    Map<String, Object> kongRoute() {
        List<Map<String, Object>> plugins = new ArrayList<>();
        if (policy != null) {
            plugins.add(Map.of("name", "jwkgate", "config", policy.kongSettings()));
        }
        plugins.addAll(kongPlugins);
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("name", name);
        // the prefix, and the name alone (a regex path, "~" in Kong 3): as APISIX's uris above
        route.put("paths", List.of(prefix(), "~/" + name + "$"));
        route.put("strip_path", false);
        if (!plugins.isEmpty()) {
            route.put("plugins", plugins);
        }
        return route;
    }
}
