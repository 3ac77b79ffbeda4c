package dev.jwkgate.keycloak.it;

/**
 * Opens {@link AdminApi} (package-private constructor in keycloak-provider's test support) to the demo,
 * and names the bootstrap admin the launcher sets.
 */
public final class AdminApis {

    public static final String ADMIN = KeycloakServer.ADMIN;
    public static final String ADMIN_PASSWORD = KeycloakServer.ADMIN_PASSWORD;

    private AdminApis() {
    }

    public static AdminApi of(KeycloakServer server) {
        return new AdminApi(server);
    }
}
