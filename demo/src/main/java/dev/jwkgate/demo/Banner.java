package dev.jwkgate.demo;

import dev.jwkgate.keycloak.it.KeycloakServer;
import java.util.List;

/**
 * What the demo prints once everything runs: where each part listens, both clients with their secrets, and
 * ready-to-copy commands.
 *
 * @param keycloak Keycloak's base URL
 * @param issuer   the demo realm's issuer
 * @param apisix   where APISIX's routes are, the route name appended (e.g. {@code http://127.0.0.1:8001/})
 * @param kong     the same for Kong
 * @param serving  what serves each gateway and where its logs are, one line each
 * @param token    a fresh token of {@link DemoRealm#CLIENT}
 */
record Banner(String keycloak, String issuer, String apisix, String kong, List<String> serving, String token) {

    Banner {
        serving = List.copyOf(serving);
    }

    String text() {
        String tokenUrl = issuer + "/protocol/openid-connect/token";
        String extract = " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')";
        StringBuilder gateways = new StringBuilder();
        serving.forEach(line -> gateways.append(String.format("    %-15s %s%n", gateways.length() == 0 ? "gateways" : "", line)));
        return String.format("%n==> jwkgate demo is running%n"
                        + "    Keycloak        %s  (admin console: %s/admin, user %s / %s)%n"
                        + "    issuer          %s%n"
                        + "    APISIX route    %sorders   (any valid token of the realm)%n"
                        + "    Kong route      %sorders%n"
                        + "    admin routes    %sadmin, %sadmin   (only client %s)%n"
                        + "    clients         %s (secret %s), %s (secret %s)%n"
                        + "%s%n"
                        + "Try it (this token of %s lives 5 minutes):%n%n"
                        + "  curl -i -H 'Authorization: Bearer %s' %sorders%n%n"
                        + "  curl -i %sorders                      # 401 missing_token%n"
                        + "  curl -i -H 'Authorization: Bearer %s' %sadmin   # 403 insufficient_scope%n%n"
                        + "A fresh token at any time, for each client:%n%n"
                        + "  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=%s %s%s%n"
                        + "  ADMIN_TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=%s %s%s%n"
                        + "  curl -i -H \"Authorization: Bearer $TOKEN\" %sorders%n"
                        + "  curl -i -H \"Authorization: Bearer $ADMIN_TOKEN\" %sadmin%n%n"
                        + "Ctrl-C stops everything the demo started.%n",
                keycloak, keycloak, KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD,
                issuer, apisix, kong, apisix, kong, DemoRealm.ADMIN_CLIENT,
                DemoRealm.CLIENT, DemoRealm.CLIENT_SECRET, DemoRealm.ADMIN_CLIENT, DemoRealm.ADMIN_CLIENT_SECRET,
                gateways, DemoRealm.CLIENT,
                token, apisix, kong, token, kong,
                DemoRealm.CLIENT, DemoRealm.CLIENT_SECRET, tokenUrl, extract,
                DemoRealm.ADMIN_CLIENT, DemoRealm.ADMIN_CLIENT_SECRET, tokenUrl, extract,
                kong, kong);
    }
}
