package dev.jwkgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the demo prints when it is up. */
class BannerTest {

    private final String text = new Banner("http://127.0.0.1:8080", "http://127.0.0.1:8080/realms/demo",
            "http://127.0.0.1:8000", Path.of("demo/target/logs"), "eyJ.token.sig").text();

    @Test
    void namesBothClientsWithTheirSecrets() {
        assertThat(text).contains(DemoRealm.CLIENT + " (secret " + DemoRealm.CLIENT_SECRET + ")",
                DemoRealm.ADMIN_CLIENT + " (secret " + DemoRealm.ADMIN_CLIENT_SECRET + ")");
    }

    @Test
    void showsHowToGetATokenOfTheAdminClientForTheAdminRoutes() {
        assertThat(text).contains("-d client_id=" + DemoRealm.ADMIN_CLIENT + " -d client_secret="
                + DemoRealm.ADMIN_CLIENT_SECRET + " http://127.0.0.1:8080/realms/demo/protocol/openid-connect/token");
        assertThat(text).contains("Bearer $ADMIN_TOKEN\" http://127.0.0.1:8000/kong/admin");
    }

    @Test
    void givesAReadyToCopyCurlWithTheFreshToken() {
        assertThat(text).contains("curl -i -H 'Authorization: Bearer eyJ.token.sig' http://127.0.0.1:8000/apisix/orders");
    }
}
