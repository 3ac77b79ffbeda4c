package dev.jwkgate.gateway;

import java.util.ArrayList;
import java.util.List;

/** Reads and rewrites {@code Cookie} request headers (RFC 6265 §4.2: {@code name=value; name=value}). */
final class Cookies {

    private Cookies() {
    }

    /** The value of the first cookie with this name, or null. */
    static String find(List<String> cookieHeaders, String name) {
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    return pair.substring(eq + 1).trim();
                }
            }
        }
        return null;
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
