package dev.jwkgate.kong.jwt;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.StringJoiner;

/** Removes parameters from a raw query string, leaving every other parameter byte for byte as it was. */
final class QueryStrings {

    private QueryStrings() {
    }

    static String without(String rawQuery, Set<String> names) {
        StringJoiner kept = new StringJoiner("&");
        for (String part : rawQuery.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            if (!names.contains(decode(name))) {
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
