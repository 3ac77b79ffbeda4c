package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.it.e2e.RealmFixture;
import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import dev.jwkgate.keycloak.it.SharedKeycloak;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keycloak stopped for real behind the real gateways: both keep accepting valid tokens with the keys they hold, log
 * {@code SOURCE_STALE} into the gateway's error log, and {@code SOURCE_RECOVERED} once Keycloak is back. Their status
 * ports show it while traffic flows: the realm's source turns STALE on {@code /metrics} (still ready), its key set's
 * age grows, and every request sent is counted once, by outcome and reason.
 */
@RequiresRealGateways
@ExtendWith({SharedKeycloak.class, SharedRealGateways.class})
class KeycloakDownThroughRealGatewaysIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final KeycloakServer keycloak;
    private final RealGateways gateways;
    private final RealmFixture realm;
    private final Route route;
    /** Per gateway, the requests sent since the first scrape, keyed "outcome/reason" as the metrics count them. */
    private final Map<RealGateway, Map<String, Integer>> sent = new HashMap<>();

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
        Map<RealGateway, Map<String, Double>> before = new HashMap<>();
        for (RealGateway gateway : gateways.both()) {
            assertThat(gateways.bearer(gateway, route.prefix() + "before", realm.token()).status()).as(gateway.name()).isEqualTo(200);
            String text = gateways.status(gateway).scrape();
            assertThat(GatewayStatus.health(text, realm.issuer())).as(gateway.name()).isEqualTo("HEALTHY");
            before.put(gateway, GatewayStatus.validations(text, realm.issuer()));
            sent.put(gateway, new HashMap<>());
        }
        String neverSeenBefore = realm.token();
        String valid = realm.token();
        for (RealGateway gateway : gateways.both()) {
            burst(gateway, valid, "up");
        }
        int[] logFrom = gateways.both().stream().mapToInt(g -> g.serverLogText().length()).toArray();

        keycloak.stop();
        try {
            for (int i = 0; i < 2; i++) {
                RealGateway gateway = gateways.both().get(i);
                String stale = gateway.awaitLog(gateway.name() + " reporting the realm's keys STALE", logFrom[i],
                        Duration.ofSeconds(30), "SOURCE_STALE", realmPath());
                String text = awaitStaleWhileTrafficFlows(gateway, neverSeenBefore);
                double age = GatewayStatus.age(text, realm.issuer());
                Thread.sleep(3_000);
                String later = gateways.status(gateway).scrape();
                assertThat(GatewayStatus.health(later, realm.issuer())).as(gateway.name()).isEqualTo("STALE");
                assertThat(GatewayStatus.age(later, realm.issuer())).as(gateway.name() + ": key set age while Keycloak is down")
                        .isGreaterThanOrEqualTo(age + 2);
                HttpResponse<String> ready = gateways.status(gateway).get("/health/ready");
                assertThat(ready.statusCode()).as(gateway.name() + " ready (a STALE set still serves)").isEqualTo(200);
                assertThat(ready.body()).contains("\"health\":\"STALE\"");

                String path = route.prefix() + "keycloak-down-" + UUID.randomUUID();
                Reply reply = send(gateway, path, neverSeenBefore, "accepted/none");
                System.out.printf("Keycloak down: %s answers %s; /metrics STALE, set age %.1f s then %.1f s; its log: %s%n",
                        gateway.name(), reply.verdict(), age, GatewayStatus.age(later, realm.issuer()), stale);
                assertThat(reply.status()).as(gateway.name() + ", Keycloak down: " + reply).isEqualTo(200);
                assertThat(gateways.upstream().received(path)).isPresent();
                burst(gateway, valid, "down");

                Map<String, Integer> counted = GatewayStatus.counted(before.get(gateway),
                        GatewayStatus.validations(gateways.status(gateway).scrape(), realm.issuer()));
                System.out.printf("Keycloak down: %s counted %s for the requests sent %s%n", gateway.name(), counted,
                        sent.get(gateway));
                assertThat(counted).as(gateway.name() + ": outcomes counted for the requests sent").isEqualTo(sent.get(gateway));
            }
        } finally {
            keycloak.startAgain();
        }

        for (int i = 0; i < 2; i++) {
            RealGateway gateway = gateways.both().get(i);
            gateway.awaitLog(gateway.name() + " reporting the keys recovered", logFrom[i], Duration.ofSeconds(30),
                    "SOURCE_RECOVERED", realmPath());
            assertThat(gateways.bearer(gateway, route.prefix() + "after", realm.token()).status()).as(gateway.name()).isEqualTo(200);
            assertThat(GatewayStatus.health(gateways.status(gateway).scrape(), realm.issuer())).as(gateway.name())
                    .isEqualTo("HEALTHY");
        }
    }

    /** Sends valid and refused requests until the gateway's /metrics shows the realm's source STALE. */
    private String awaitStaleWhileTrafficFlows(RealGateway gateway, String validToken) throws Exception {
        Instant deadline = Instant.now().plus(LIMIT);
        String text = gateways.status(gateway).scrape();
        while (!"STALE".equals(GatewayStatus.health(text, realm.issuer()))) {
            assertThat(Instant.now()).as(gateway.name() + " /metrics STALE within " + LIMIT + ":\n" + text).isBefore(deadline);
            assertThat(send(gateway, route.prefix() + "polling", validToken, "accepted/none").status()).isEqualTo(200);
            assertThat(send(gateway, route.prefix() + "polling-none", null, "refused/missing_token").status()).isEqualTo(401);
            Thread.sleep(500);
            text = gateways.status(gateway).scrape();
        }
        return text;
    }

    /** Traffic of each kind: valid tokens pass, requests without a token or with garbage are refused. */
    private void burst(RealGateway gateway, String validToken, String label) {
        for (int i = 0; i < 10; i++) {
            Reply reply = send(gateway, route.prefix() + label + "-valid-" + i, validToken, "accepted/none");
            assertThat(reply.status()).as(gateway.name() + " " + label + ": " + reply).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(send(gateway, route.prefix() + label + "-none-" + i, null, "refused/missing_token").status()).isEqualTo(401);
            assertThat(send(gateway, route.prefix() + label + "-garbage-" + i, "not-a-token", "refused/malformed").status())
                    .isEqualTo(401);
        }
    }

    /** A request through the gateway, remembered under the outcome it must be counted as. */
    private Reply send(RealGateway gateway, String path, String token, String countedAs) {
        sent.get(gateway).merge(countedAs, 1, Integer::sum);
        return gateways.bearer(gateway, path, token);
    }

    private String realmPath() {
        return "/realms/" + realm.name() + "/";
    }
}
