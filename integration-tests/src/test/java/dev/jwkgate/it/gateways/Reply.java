package dev.jwkgate.it.gateways;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the client got from a gateway: status, headers (names lower-case), body. */
public record Reply(String gateway, int status, Map<String, List<String>> headers, String body) {

    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([^\"]*)\"");

    /** The reason code in a jwkgate refusal's JSON body, or "-" when the body has none (e.g. an nginx error page). */
    public String reason() {
        Matcher m = REASON.matcher(body == null ? "" : body);
        return m.find() ? m.group(1) : "-";
    }

    public Optional<String> header(String name) {
        List<String> values = headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The challenge, or null without one. */
    public String wwwAuthenticate() {
        return header("www-authenticate").orElse(null);
    }

    /** Status, reason and challenge: what the parity test compares. */
    public String verdict() {
        return status + " " + reason() + (wwwAuthenticate() == null ? "" : " [" + wwwAuthenticate() + "]");
    }

    @Override
    public String toString() {
        return gateway + " " + status + " " + headers + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
}
