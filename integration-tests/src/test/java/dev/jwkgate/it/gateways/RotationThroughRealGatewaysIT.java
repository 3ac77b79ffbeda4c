package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.it.e2e.RealmFixture;
import dev.jwkgate.it.e2e.RotationUnderLoad;
import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import dev.jwkgate.keycloak.it.SharedKeycloak;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak's jwkgate rotating key provider on a schedule of seconds, and a bounded load driver sending Keycloak's
 * tokens through the real APISIX and the real Kong while it rotates twice: no valid request is refused, and the
 * gateways fetch the realm's JWKS a bounded number of times (counted in Keycloak's access log).
 */
@RequiresRealGateways
@ExtendWith({SharedKeycloak.class, SharedRealGateways.class})
class RotationThroughRealGatewaysIT {

    /** Client connections per gateway, each waiting for its answer before the next request: the load's bound. */
    private static final int CONNECTIONS_PER_GATEWAY = 2;

    private final KeycloakServer keycloak;
    private final RealGateways gateways;
    private final RealmFixture realm;
    private final Route route;

    RotationThroughRealGatewaysIT(AdminApi admin, KeycloakServer keycloak, RealGateways gateways) {
        this.keycloak = keycloak;
        this.gateways = gateways;
        this.realm = RotationUnderLoad.rotatingRealm(admin, keycloak, "gw-rotating");
        this.route = Route.jwkgate("rotating", RotationUnderLoad.policy(realm));
    }

    @Test
    void requestsThroughBothGatewaysAcrossTwoRotationsAreNeverRefused() throws Exception {
        gateways.register(route);
        String first = realm.token();
        Map<String, RotationUnderLoad.Client> clients = new LinkedHashMap<>();
        for (RealGateway gateway : gateways.both()) {
            assertThat(gateways.bearer(gateway, route.prefix() + "warm-up", first).status()).as(gateway.name()).isEqualTo(200);
            clients.put(gateway.name(), token -> {
                Reply reply = gateways.bearer(gateway, route.prefix() + "load", token);
                return reply.status() == 200 ? null : reply.verdict();
            });
        }

        RotationUnderLoad.Result run = RotationUnderLoad.run(keycloak, realm, clients, CONNECTIONS_PER_GATEWAY);
        System.out.printf("rotation through the real gateways: %s, %d requests/s%n", run,
                run.requests() / Math.max(1, run.took().toSeconds()));

        assertThat(run.refusals()).as("refused requests").isEmpty();
        assertThat(run.signingKids()).as("keys that signed during the run").hasSizeGreaterThanOrEqualTo(3);
        assertThat(run.requests()).isGreaterThan(100);
        assertThat(run.jwksFetches()).isBetween(1, (int) run.fetchBound());
    }
}
