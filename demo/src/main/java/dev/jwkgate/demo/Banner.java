package dev.jwkgate.demo;

import dev.jwkgate.keycloak.it.KeycloakServer;
import java.nio.file.Path;

/**
 * What the demo prints once everything runs: where each part listens, both clients with their secrets, and
 * ready-to-copy commands.
 *
 * @param keycloak Keycloak's base URL
 * @param issuer   the demo realm's issuer
 * @param front    the HTTP front's base URL
 * @param logs     where the plugins' logs are written
 * @param token    a fresh token of {@link DemoRealm#CLIENT}
 */
record Banner(String keycloak, String issuer, String front, Path logs, String token) {

    String text() {
        String tokenUrl = issuer + "/protocol/openid-connect/token";
        String extract = " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')";
        return String.format("%n==> jwkgate demo is running%n"
                        + "    Keycloak        %s  (admin console: %s/admin, user %s / %s)%n"
                        + "    issuer          %s%n"
                        + "    APISIX route    %s/apisix/orders   (any valid token of the realm)%n"
                        + "    Kong route      %s/kong/orders%n"
                        + "    admin routes    %s/apisix/admin, %s/kong/admin   (only client %s)%n"
                        + "    clients         %s (secret %s), %s (secret %s)%n"
                        + "    plugin logs     %s%n%n"
                        + "Try it (this token of %s lives 5 minutes):%n%n"
                        + "  curl -i -H 'Authorization: Bearer %s' %s/apisix/orders%n%n"
                        + "  curl -i %s/kong/orders                      # 401 missing_token%n"
                        + "  curl -i -H 'Authorization: Bearer %s' %s/kong/admin   # 403 insufficient_scope%n%n"
                        + "A fresh token at any time, for each client:%n%n"
                        + "  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=%s %s%s%n"
                        + "  ADMIN_TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=%s %s%s%n"
                        + "  curl -i -H \"Authorization: Bearer $TOKEN\" %s/kong/orders%n"
                        + "  curl -i -H \"Authorization: Bearer $ADMIN_TOKEN\" %s/kong/admin%n%n"
                        + "Ctrl-C stops Keycloak, both plugin servers and this front.%n",
                keycloak, keycloak, KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD,
                issuer, front, front, front, front, DemoRealm.ADMIN_CLIENT,
                DemoRealm.CLIENT, DemoRealm.CLIENT_SECRET, DemoRealm.ADMIN_CLIENT, DemoRealm.ADMIN_CLIENT_SECRET,
                logs, DemoRealm.CLIENT,
                token, front, front, token, front,
                DemoRealm.CLIENT, DemoRealm.CLIENT_SECRET, tokenUrl, extract,
                DemoRealm.ADMIN_CLIENT, DemoRealm.ADMIN_CLIENT_SECRET, tokenUrl, extract,
                front, front);
    }
}
