package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.it.e2e.RealmFixture;
import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import dev.jwkgate.keycloak.it.SharedKeycloak;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak stopped for real behind the real gateways: both keep accepting valid tokens with the keys they hold, log
 * {@code SOURCE_STALE} into the gateway's error log, and {@code SOURCE_RECOVERED} once Keycloak is back.
 */
@RequiresRealGateways
@ExtendWith({SharedKeycloak.class, SharedRealGateways.class})
class KeycloakDownThroughRealGatewaysIT {

    private final KeycloakServer keycloak;
    private final RealGateways gateways;
    private final RealmFixture realm;
    private final Route route;

    KeycloakDownThroughRealGatewaysIT(AdminApi admin, KeycloakServer keycloak, RealGateways gateways) {
        this.keycloak = keycloak;
        this.gateways = gateways;
        // tokens outlive the outage and the restart
        this.realm = RealmFixture.create(admin, keycloak, "gw-outage", "RS256", 900);
        // keys refreshed every few seconds, so the outage is noticed quickly
        this.route = Route.jwkgate("outage", realm.policy().set("cache_default_ttl_seconds", 3).set("cache_min_ttl_seconds", 1));
    }

    @Test
    void bothGatewaysServeTheirKeysWhileKeycloakIsDownLogStaleAndRecover() throws Exception {
        gateways.register(route);
        for (RealGateway gateway : gateways.both()) {
            assertThat(gateways.bearer(gateway, route.prefix() + "before", realm.token()).status()).as(gateway.name()).isEqualTo(200);
        }
        String neverSeenBefore = realm.token();
        int[] logFrom = gateways.both().stream().mapToInt(g -> g.serverLogText().length()).toArray();

        keycloak.stop();
        try {
            for (int i = 0; i < 2; i++) {
                RealGateway gateway = gateways.both().get(i);
                String stale = gateway.awaitLog(gateway.name() + " reporting the realm's keys STALE", logFrom[i],
                        Duration.ofSeconds(30), "SOURCE_STALE", realmPath());
                String path = route.prefix() + "keycloak-down-" + UUID.randomUUID();
                Reply reply = gateways.bearer(gateway, path, neverSeenBefore);
                System.out.printf("Keycloak down: %s answers %s; its log: %s%n", gateway.name(), reply.verdict(),
                        stale);
                assertThat(reply.status()).as(gateway.name() + ", Keycloak down: " + reply).isEqualTo(200);
                assertThat(gateways.upstream().received(path)).isPresent();
            }
        } finally {
            keycloak.startAgain();
        }

        for (int i = 0; i < 2; i++) {
            RealGateway gateway = gateways.both().get(i);
            gateway.awaitLog(gateway.name() + " reporting the keys recovered", logFrom[i], Duration.ofSeconds(30),
                    "SOURCE_RECOVERED", realmPath());
            assertThat(gateways.bearer(gateway, route.prefix() + "after", realm.token()).status()).as(gateway.name()).isEqualTo(200);
        }
    }

    private String realmPath() {
        return "/realms/" + realm.name() + "/";
    }
}
