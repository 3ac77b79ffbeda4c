package dev.jwkgate.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which URLs jwkgate fetches keys and discovery documents from: HTTPS, or HTTP to a loopback host, or HTTP
 * anywhere when {@code allow_http} is on. One rule for a configured {@code jwks_uri} or issuer (checked when the
 * configuration is built), a {@code jwks_uri} found by discovery, and every fetch.
 *
 * <p>A loopback host is decided by its form alone, never by a name lookup: an IPv4 literal in 127.0.0.0/8 in
 * dotted-quad decimal, an IPv6 literal in brackets that is {@code ::1} (or an IPv4-mapped 127.0.0.0/8 address)
 * however it is spelled, or the name {@code localhost} in any case (DNS names are case-insensitive, RFC 4343).
 * Anything else needs {@code allow_http}: a name such as {@code 127.attacker.example} or {@code
 * localhost.attacker.example} resolves wherever its owner points it; {@code localhost.} (the absolute form) and
 * {@code *.localhost} go to the resolver, which need not answer loopback for them although RFC 6761 §6.3 asks it
 * to; and IPv4 spellings other than dotted-quad decimal ({@code 127.1}, {@code 2130706433}, {@code 0177.0.0.1})
 * are read differently by different parsers ({@code inet_aton} reads {@code 0177} as octal 127, the JDK as
 * decimal 177). IPv6 zone ids ({@code [::1%lo]}) name an interface, which loopback does not need.
 */
public final class UrlRules {

    /** Four decimal octets 0–255 without leading zeros: the one IPv4 spelling every parser reads alike. */
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    /** Hex digits, colons and dots between brackets: an IPv6 literal, possibly ending in an IPv4 part; no zone id. */
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");

    private UrlRules() {
    }

    /** A problem naming {@code settingName}, or empty when the URL is acceptable. */
    public static Optional<String> check(String settingName, String url, boolean allowHttp) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of(settingName + ": not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of(settingName + ": must be an absolute https URL");
        }
        if (scheme.equals("http") && !allowHttp && !isLoopback(uri.getHost())) {
            return Optional.of(settingName + ": plain http is only allowed for loopback hosts unless allow_http is true");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code host}, as {@link URI#getHost()} gives it (IPv6 in brackets), is a loopback host by the rule
     * above. Never resolves a name.
     */
    public static boolean isLoopback(String host) {
        // ASCII-only folding: equalsIgnoreCase would also fold U+017F (long s) to 's'
        if (host.chars().allMatch(c -> c < 0x80) && host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (DOTTED_QUAD.matcher(host).matches()) {
            return host.startsWith("127.");
        }
        if (BRACKETED_IPV6.matcher(host).matches()) {
            try {
                // an IP literal (brackets and the characters checked above): the JDK parses it and looks nothing
                // up, and refuses a malformed one; an IPv4-mapped ::ffff:127.x.y.z comes back as 127.x.y.z
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException malformed) {
                return false;
            }
        }
        return false;
    }
}
