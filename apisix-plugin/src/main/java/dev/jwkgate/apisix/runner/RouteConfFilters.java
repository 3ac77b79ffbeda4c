package dev.jwkgate.apisix.runner;

import dev.jwkgate.apisix.JwkGateFilter;
import dev.jwkgate.audit.LogText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.apisix.plugin.runner.filter.PluginFilter;

/**
 * The filters a route's {@code ext-plugin} conf names, in order, or why the conf must be refused. Runner 0.4.0
 * skips a name it has no filter for and runs a filter named twice once (with the last value): a misspelt
 * {@code jwkgate} would let the route's requests through unchecked, and a repeated one would run a
 * configuration nobody can tell from the route. Both fail closed here.
 *
 * @param filters  the filters to run, in the conf's order (empty when refused)
 * @param problems why the conf is refused, for the log; empty when it is not
 */
record RouteConfFilters(List<PluginFilter> filters, List<String> problems) {

    static RouteConfFilters of(List<String> names, Map<String, PluginFilter> known) {
        List<PluginFilter> filters = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            PluginFilter filter = known.get(name);
            if (filter == null) {
                problems.add("it names filter " + LogText.quote(name) + ", which this runner does not have "
                        + "(it has " + known.keySet() + ")");
            } else if (!seen.add(name)) {
                problems.add("it names filter " + LogText.quote(name) + " twice"
                        + (name.equals(JwkGateFilter.NAME) ? "; give the route one jwkgate configuration" : ""));
            } else {
                filters.add(filter);
            }
        }
        return problems.isEmpty() ? new RouteConfFilters(List.copyOf(filters), List.of())
                : new RouteConfFilters(List.of(), List.copyOf(problems));
    }

    boolean refused() {
        return !problems.isEmpty();
    }
}
