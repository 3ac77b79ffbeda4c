package dev.jwkgate.keys;

/**
 * Renders untrusted JWK strings ({@code kid}, {@code alg}, {@code kty}, {@code crv}) for messages:
 * printable ASCII only and bounded length, so a hostile JWKS cannot forge or flood log lines.
 */
public final class SafeText {

    private static final int MAX_SHOWN = 64;

    private SafeText() {
    }

    public static String quote(String untrusted) {
        if (untrusted == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(untrusted.length(), MAX_SHOWN) + 8).append('\'');
        for (int i = 0; i < untrusted.length() && i < MAX_SHOWN; i++) {
            char c = untrusted.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (untrusted.length() > MAX_SHOWN) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
