package dev.jwkgate.it.e2e;

import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;

/** A realm in the shared Keycloak with service clients that get tokens from its token endpoint. */
public final class RealmFixture {

    public static final String CLIENT = "orders-service";
    public static final String OTHER_CLIENT = "reports-service";
    private static final String SECRET = "e2e-client-secret";

    private final AdminApi admin;
    private final KeycloakServer keycloak;
    private final String realm;

    private RealmFixture(AdminApi admin, KeycloakServer keycloak, String realm) {
        this.admin = admin;
        this.keycloak = keycloak;
        this.realm = realm;
    }

    /** A new realm signing with {@code algorithm}, tokens living {@code lifespanSeconds}, and two service clients. */
    public static RealmFixture create(AdminApi admin, KeycloakServer keycloak, String realm, String algorithm,
                                      int lifespanSeconds) {
        admin.createRealm(realm, algorithm, lifespanSeconds);
        admin.createServiceClient(realm, CLIENT, SECRET);
        admin.createServiceClient(realm, OTHER_CLIENT, SECRET);
        return new RealmFixture(admin, keycloak, realm);
    }

    public String name() {
        return realm;
    }

    public String issuer() {
        return keycloak.issuer(realm);
    }

    /** A fresh access token for {@link #CLIENT} from the realm's token endpoint. */
    public String token() {
        return admin.clientCredentialsToken(realm, CLIENT, SECRET);
    }

    public String tokenOf(String clientId) {
        return admin.clientCredentialsToken(realm, clientId, SECRET);
    }

    /**
     * The route policy of these tests: only {@link #CLIENT} may call (others get 403), and the subject and
     * client are forwarded upstream.
     */
    public Policy policy() {
        return Policy.discovering(issuer())
                .set("claims_any_of", java.util.Map.of("azp", java.util.List.of(CLIENT)))
                .set("forward_claims", java.util.Map.of("sub", "X-User-Id", "azp", "X-Client-Id"));
    }
}
