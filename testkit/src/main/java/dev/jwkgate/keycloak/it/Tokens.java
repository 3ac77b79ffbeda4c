package dev.jwkgate.keycloak.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Reads a compact JWS header without verifying anything: only to see which key Keycloak chose. */
public final class Tokens {

    private Tokens() {
    }

    public static Map<String, Object> header(String token) {
        String encoded = token.substring(0, token.indexOf('.'));
        return AdminApi.parse(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
    }

    public static String kid(String token) {
        return (String) header(token).get("kid");
    }

    public static String alg(String token) {
        return (String) header(token).get("alg");
    }
}
