package dev.jwkgate.apisix.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.peer.ApisixPeer;
import dev.jwkgate.apisix.peer.ApisixPeer.Route;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.support.ConfJson;
import dev.jwkgate.apisix.support.RunnerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conf-token expiry, with the runner honouring {@code APISIX_CONF_EXPIRE_TIME}: the runner keeps confs
 * that many seconds plus ten, so -10 makes every token expire at once. APISIX then prepares again on each
 * "conf token not found", three tries in all, and answers 503.
 */
class ConfTokenExpiryIT {

    @TempDir
    Path runnerDir;

    @Test
    void apisixPreparesAgainAfterEachExpiredTokenAndGivesUpAfterThreeTries() throws Exception {
        try (RunnerProcess runner = RunnerProcess.start(
                RunnerProcess.jarCommand(RunnerProcess.packagedJar(), List.of("-Xmx128m")), runnerDir, -10,
                Duration.ofSeconds(90));
             ApisixPeer apisix = new ApisixPeer(runner.socket())) {
            Route route = Route.of("1", "jwkgate",
                    ConfJson.issuerWithJwks("https://idp.example/", "http://127.0.0.1:1/jwks.json").json());

            assertThat(apisix.communicate(route, PeerRequest.get("/orders"))).isEqualTo(ApisixPeer.UNAVAILABLE);
            assertThat(apisix.prepareConfCalls()).isEqualTo(3);
            runner.saveOutput(ConfTokenExpiryIT.class.getSimpleName());
        }
    }
}
