package dev.jwkgate.kong.jwt;

import dev.jwkgate.gateway.GatewayDecision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A decision's upstream header changes as Kong calls, so that a forwarded request costs one round trip
 * whatever the number of claims: a single {@code kong.service.request.set_headers} table.
 *
 * <p>In that table a set header maps to its value: Kong's {@code ngx.req.set_header} replaces every copy
 * the client sent, whatever its case. A removed header maps to an empty array, which
 * {@code ngx.req.set_header} turns into the very C call {@code clear_header} makes, so a client's copy
 * of a forwarded header whose claim the token lacks is removed in the same call. {@code Host} is the one
 * exception: {@code set_headers} also assigns the value to {@code ngx.var.upstream_host}, which an array
 * would corrupt, so a removed {@code Host} still goes through {@code clear_header}.
 *
 * @param setHeaders   the {@code set_headers} table: a String to set, an empty List to remove
 * @param clearHeaders headers that need their own {@code clear_header}
 */
record UpstreamHeaderChanges(Map<String, Object> setHeaders, List<String> clearHeaders) {

    static UpstreamHeaderChanges of(GatewayDecision decision) {
        Map<String, Object> table = new LinkedHashMap<>(decision.headersToSet());
        Set<String> replaced = new HashSet<>();
        table.keySet().forEach(name -> replaced.add(name.toLowerCase(Locale.ROOT)));
        List<String> cleared = new ArrayList<>();
        for (String header : decision.headersToRemove()) {
            String name = header.toLowerCase(Locale.ROOT);
            if (replaced.contains(name)) {
                continue;
            }
            if (name.equals("host")) {
                cleared.add(header);
            } else {
                table.put(header, List.of());
            }
        }
        return new UpstreamHeaderChanges(table, cleared);
    }
}
