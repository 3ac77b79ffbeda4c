package dev.jwkgate.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never appear in a log: private key material (JWK private members, PEM private keys) and whole
 * signed tokens. A token fingerprint ({@code sha256:…}) or an RFC 7638 thumbprint is fine and does not match.
 */
final class SecretPatterns {

    /** JWK private members with a real-looking value (a long base64url string). */
    private static final Pattern JWK_PRIVATE_MEMBER =
            Pattern.compile("\"(d|p|q|dp|dq|qi|k)\"\\s*:\\s*\"[A-Za-z0-9_-]{20,}\"");
    private static final Pattern PEM_PRIVATE_KEY =
            Pattern.compile("-----BEGIN (RSA |EC |ENCRYPTED |OPENSSH )?PRIVATE KEY-----");
    /** A compact JWS with a signature: base64url JSON header, payload, and at least 32 signature characters. */
    private static final Pattern SIGNED_TOKEN =
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{32,}");

    private SecretPatterns() {
    }

    /** Each finding names the kind and where in the line it starts; the secret itself is not repeated. */
    static List<String> findIn(String line) {
        List<String> findings = new ArrayList<>();
        find(line, JWK_PRIVATE_MEMBER, "private JWK member", findings);
        find(line, PEM_PRIVATE_KEY, "PEM private key", findings);
        find(line, SIGNED_TOKEN, "whole signed token", findings);
        return findings;
    }

    private static void find(String line, Pattern pattern, String kind, List<String> findings) {
        Matcher matcher = pattern.matcher(line);
        while (matcher.find()) {
            findings.add(kind + " at column " + matcher.start());
        }
    }
}
