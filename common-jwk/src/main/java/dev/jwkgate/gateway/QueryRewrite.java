package dev.jwkgate.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The change a decision makes to the query string: the parameters to remove (a stripped token), by decoded name.
 * Platforms that edit arguments by name remove {@link #removedParams()}; platforms that set the raw query send
 * {@link #applyTo(String)}. Either way every copy of a removed name goes.
 */
public record QueryRewrite(Set<String> removedParams) {

    /** Leaves the query as it is. */
    public static final QueryRewrite NONE = new QueryRewrite(Set.of());

    public QueryRewrite {
        removedParams = Set.copyOf(removedParams);
    }

    public static QueryRewrite removing(String name) {
        return new QueryRewrite(Set.of(name));
    }

    /** Whether the query changes at all. */
    public boolean changes() {
        return !removedParams.isEmpty();
    }

    /**
     * The raw query without the removed parameters, every other parameter byte for byte as it was. Names are
     * compared percent-decoded ({@code +} as a space), as nginx decodes them for {@code get_uri_args}.
     */
    public String applyTo(String rawQuery) {
        if (rawQuery == null || removedParams.isEmpty()) {
            return rawQuery;
        }
        StringJoiner kept = new StringJoiner("&");
        for (String part : rawQuery.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            if (!removedParams.contains(decode(name))) {
                kept.add(part);
            }
        }
        return kept.toString();
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
