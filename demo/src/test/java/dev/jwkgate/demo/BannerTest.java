package dev.jwkgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the demo prints when it is up: behind the front, and with the real gateways on ports of their own. */
class BannerTest {

    private final String front = new Banner("http://127.0.0.1:8080", "http://127.0.0.1:8080/realms/demo",
            "http://127.0.0.1:8000/apisix/", "http://127.0.0.1:8000/kong/",
            List.of("apisix: the APISIX runner behind the front (no APISIX), log demo/target/logs/apisix-runner-1.log"),
            "eyJ.token.sig").text();

    private final String real = new Banner("http://127.0.0.1:8080", "http://127.0.0.1:8080/realms/demo",
            "http://127.0.0.1:8001/", "http://127.0.0.1:8002/",
            List.of("apisix: the real APISIX 3.18.0 on http://127.0.0.1:8001/ (nginx pid 11)",
                    "kong: the real Kong 3.9.1 on http://127.0.0.1:8002/ (nginx pid 12)"), "eyJ.token.sig").text();

    @Test
    void namesBothClientsWithTheirSecrets() {
        assertThat(front).contains(DemoRealm.CLIENT + " (secret " + DemoRealm.CLIENT_SECRET + ")",
                DemoRealm.ADMIN_CLIENT + " (secret " + DemoRealm.ADMIN_CLIENT_SECRET + ")");
    }

    @Test
    void showsHowToGetATokenOfTheAdminClientForTheAdminRoutes() {
        assertThat(front).contains("-d client_id=" + DemoRealm.ADMIN_CLIENT + " -d client_secret="
                + DemoRealm.ADMIN_CLIENT_SECRET + " http://127.0.0.1:8080/realms/demo/protocol/openid-connect/token");
        assertThat(front).contains("Bearer $ADMIN_TOKEN\" http://127.0.0.1:8000/kong/admin");
    }

    @Test
    void givesAReadyToCopyCurlWithTheFreshToken() {
        assertThat(front).contains("curl -i -H 'Authorization: Bearer eyJ.token.sig' http://127.0.0.1:8000/apisix/orders");
    }

    @Test
    void pointsTheCurlsAtTheRealGatewaysOwnPortsWhenTheyRun() {
        assertThat(real).contains("curl -i -H 'Authorization: Bearer eyJ.token.sig' http://127.0.0.1:8001/orders",
                "curl -i http://127.0.0.1:8002/orders", "Bearer $ADMIN_TOKEN\" http://127.0.0.1:8002/admin");
        assertThat(real).contains("the real APISIX 3.18.0 on http://127.0.0.1:8001/", "the real Kong 3.9.1 on http://127.0.0.1:8002/");
    }

    @Test
    void saysWhatServesEachGatewayOneLineEach() {
        assertThat(front.lines().filter(line -> line.contains("behind the front"))).hasSize(1);
        assertThat(real.lines().filter(line -> line.contains(": the real "))).hasSize(2);
    }
}
