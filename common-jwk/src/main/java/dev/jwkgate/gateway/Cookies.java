package dev.jwkgate.gateway;

import java.util.ArrayList;
import java.util.List;

/** Reads and rewrites {@code Cookie} request headers (RFC 6265 §4.2: {@code name=value; name=value}). */
final class Cookies {

    private Cookies() {
    }

    /** The values of every cookie with this name, across all {@code Cookie} headers, in order. */
    static List<String> values(List<String> cookieHeaders, String name) {
        List<String> values = new ArrayList<>(1);
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    values.add(pair.substring(eq + 1).trim());
                }
            }
        }
        return values;
    }

    /** The cookie headers joined without the named cookie; empty string when nothing is left. */
    static String without(List<String> cookieHeaders, String name) {
        List<String> kept = new ArrayList<>();
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                int eq = trimmed.indexOf('=');
                String cookieName = eq > 0 ? trimmed.substring(0, eq).trim() : trimmed;
                if (!trimmed.isEmpty() && !cookieName.equals(name)) {
                    kept.add(trimmed);
                }
            }
        }
        return String.join("; ", kept);
    }
}
