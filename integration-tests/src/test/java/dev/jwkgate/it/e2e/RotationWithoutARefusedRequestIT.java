package dev.jwkgate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import dev.jwkgate.keycloak.it.SharedKeycloak;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rotating key provider on a schedule of seconds, and both gateways under concurrent load while it
 * rotates twice: every token Keycloak issued is accepted, and the gateways fetch the JWKS a bounded
 * number of times (counted in Keycloak's access log).
 */
@ExtendWith({SharedKeycloak.class, SharedGateways.class})
class RotationWithoutARefusedRequestIT {

    private static final int THREADS_PER_GATEWAY = 2;

    private final KeycloakServer keycloak;
    private final Gateways gateways;
    private final RealmFixture realm;

    RotationWithoutARefusedRequestIT(AdminApi admin, KeycloakServer keycloak, Gateways gateways) {
        this.keycloak = keycloak;
        this.gateways = gateways;
        this.realm = RotationUnderLoad.rotatingRealm(admin, keycloak, "e2e-rotating");
    }

    @Test
    void concurrentRequestsAcrossTwoRotationsAreNeverRefusedAndTheJwksIsFetchedBoundedTimes() throws Exception {
        Policy policy = RotationUnderLoad.policy(realm);
        String first = realm.token();
        assertThat(gateways.apisix(policy, first).status()).isEqualTo(200);
        assertThat(gateways.kong(policy, first).status()).isEqualTo(200);

        RotationUnderLoad.Result run = RotationUnderLoad.run(keycloak, realm, Map.of(
                "APISIX", token -> refusal(gateways.apisix(policy, token)),
                "Kong", token -> refusal(gateways.kong(policy, token))), THREADS_PER_GATEWAY);
        System.out.println("rotation run: " + run);

        assertThat(run.refusals()).as("refused requests").isEmpty();
        assertThat(run.signingKids()).as("keys that signed during the run").hasSizeGreaterThanOrEqualTo(3);
        assertThat(run.requests()).isGreaterThan(100);
        assertThat(run.jwksFetches()).isBetween(1, (int) run.fetchBound());
    }

    private static String refusal(Answer answer) {
        return answer.status() == 200 ? null : answer.verdict();
    }
}
