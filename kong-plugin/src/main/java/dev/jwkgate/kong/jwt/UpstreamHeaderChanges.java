package dev.jwkgate.kong.jwt;

import dev.jwkgate.gateway.HeaderChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core's upstream header changes as Kong calls, so that a forwarded request costs one round trip whatever
 * the number of claims: a single {@code kong.service.request.set_headers} table. The core's list names every
 * header once (ignoring case), which a Lua table walked with {@code pairs} needs, since it keeps no order.
 *
 * <p>In that table a set header maps to its value: Kong's {@code ngx.req.set_header} replaces every copy the
 * client sent, whatever its case. A removed header maps to an empty array, which {@code ngx.req.set_header} turns
 * into the very C call {@code clear_header} makes (also matching names ignoring case, and taking names with
 * {@code _} as they are). {@code Host} is the one exception, a Kong fact: {@code set_headers} also assigns the
 * value to {@code ngx.var.upstream_host}, which an array would corrupt, so a removed {@code Host} goes through
 * {@code clear_header}.
 *
 * @param setHeaders   the {@code set_headers} table: a String to set, an empty List to remove
 * @param clearHeaders headers that need their own {@code clear_header}
 */
record UpstreamHeaderChanges(Map<String, Object> setHeaders, List<String> clearHeaders) {

    static UpstreamHeaderChanges of(List<HeaderChange> changes) {
        Map<String, Object> table = new LinkedHashMap<>();
        List<String> cleared = new ArrayList<>();
        for (HeaderChange change : changes) {
            if (!change.isRemoval()) {
                table.put(change.name(), change.value());
            } else if (change.name().equalsIgnoreCase("host")) {
                cleared.add(change.name());
            } else {
                table.put(change.name(), List.of());
            }
        }
        return new UpstreamHeaderChanges(table, cleared);
    }
}
