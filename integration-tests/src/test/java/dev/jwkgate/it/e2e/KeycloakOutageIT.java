package dev.jwkgate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import dev.jwkgate.keycloak.it.Poll;
import dev.jwkgate.keycloak.it.SharedKeycloak;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak stopped for real: both gateways keep accepting valid tokens from the keys they hold, say so
 * with {@code SOURCE_STALE} in their logs, and report {@code SOURCE_RECOVERED} once Keycloak is back.
 */
@ExtendWith({SharedKeycloak.class, SharedGateways.class})
class KeycloakOutageIT {

    private final KeycloakServer keycloak;
    private final Gateways gateways;
    private final RealmFixture realm;

    KeycloakOutageIT(AdminApi admin, KeycloakServer keycloak, Gateways gateways) {
        this.keycloak = keycloak;
        this.gateways = gateways;
        // tokens outlive the outage and the restart
        this.realm = RealmFixture.create(admin, keycloak, "e2e-outage", "RS256", 900);
    }

    @Test
    void bothGatewaysServeCachedKeysWhileKeycloakIsDownReportStaleAndRecover() throws Exception {
        // keys refreshed every few seconds, so the outage is noticed quickly
        Policy policy = realm.policy().set("cache_default_ttl_seconds", 3).set("cache_min_ttl_seconds", 1);
        assertThat(gateways.apisix(policy, realm.token()).status()).isEqualTo(200);
        assertThat(gateways.kong(policy, realm.token()).status()).isEqualTo(200);
        String neverSeenBefore = realm.token();

        keycloak.stop();
        try {
            awaitLine("APISIX reports the realm's key source STALE", gateways::apisixLog, "SOURCE_STALE");
            awaitLine("Kong reports the realm's key source STALE", gateways::kongLog, "SOURCE_STALE");

            assertThat(gateways.apisix(policy, neverSeenBefore).status()).as("APISIX, Keycloak down").isEqualTo(200);
            assertThat(gateways.kong(policy, neverSeenBefore).status()).as("Kong, Keycloak down").isEqualTo(200);
        } finally {
            keycloak.startAgain();
        }

        awaitLine("APISIX reports the source recovered", gateways::apisixLog, "SOURCE_RECOVERED");
        awaitLine("Kong reports the source recovered", gateways::kongLog, "SOURCE_RECOVERED");
        String fresh = realm.token();
        assertThat(gateways.apisix(policy, fresh).status()).as("APISIX, Keycloak back").isEqualTo(200);
        assertThat(gateways.kong(policy, fresh).status()).as("Kong, Keycloak back").isEqualTo(200);
    }

    private void awaitLine(String what, Supplier<List<String>> log, String event) {
        Poll.until(what, Duration.ofSeconds(30), () -> log.get().stream()
                .filter(line -> line.contains(event) && line.contains("/realms/" + realm.name() + "/")).findFirst());
    }
}
