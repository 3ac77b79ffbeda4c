package dev.jwkgate.apisix.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.apisix.peer.ApisixPeer;
import dev.jwkgate.apisix.peer.ApisixPeer.Route;
import dev.jwkgate.apisix.peer.PeerRequest;
import dev.jwkgate.apisix.peer.RunnerAnswer;
import dev.jwkgate.apisix.support.Claims;
import dev.jwkgate.apisix.support.ConfJson;
import dev.jwkgate.apisix.support.RunnerProcess;
import dev.jwkgate.apisix.support.SigningKey;
import dev.jwkgate.source.support.JwksServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged runner started with {@code -Djwkgate.status.port=0}: what it serves on 127.0.0.1 while APISIX sends
 * it requests, and that the counts add up to the requests decided.
 */
class StatusPortIT {

    private static final String ISSUER = "https://idp.example/";
    private static final Pattern ANNOUNCED = Pattern.compile("jwkgate status on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path runnerDir;

    private static RunnerProcess runner;
    private static ApisixPeer apisix;
    private static final SigningKey KEY = SigningKey.rsa("status-key");
    private static JwksServer jwks;
    private static URI status;

    @BeforeAll
    static void startRunner() throws Exception {
        jwks = JwksServer.serving(KEY);
        runner = RunnerProcess.start(RunnerProcess.jarCommand(RunnerProcess.packagedJar(),
                List.of("-Xmx256m", "-Djwkgate.status.port=0")), runnerDir, 3600, Duration.ofSeconds(90));
        apisix = new ApisixPeer(runner.socket());
        String port = runner.output().stream().map(ANNOUNCED::matcher).filter(Matcher::find).map(m -> m.group(1))
                .findFirst().orElseThrow(() -> new AssertionError("no status port announced: " + runner.output()));
        status = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stopRunner() throws Exception {
        apisix.close();
        runner.close();
        runner.saveOutput(StatusPortIT.class.getSimpleName());
        jwks.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(status.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void isLiveAndCountsEveryRequestApisixSentByOutcomeAndReason() throws Exception {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        Route route = Route.of("status-1", "jwkgate", ConfJson.issuerWithJwks(ISSUER, jwks.url())
                .set("audiences", List.of("api")).set("first_load_wait_ms", 10_000).json());
        String good = KEY.sign(Claims.accessToken(ISSUER, "api", "alice").map());
        String expired = KEY.sign(Claims.accessToken(ISSUER, "api", "alice").expiredSecondsAgo(600).map());
        for (int i = 0; i < 5; i++) {
            assertThat(apisix.communicate(route, PeerRequest.get("/orders").bearer(good)))
                    .isInstanceOf(RunnerAnswer.Pass.class); // allowed, nothing to change upstream
        }
        for (int i = 0; i < 4; i++) {
            assertThat(apisix.communicate(route, PeerRequest.get("/orders").bearer(expired)))
                    .isInstanceOf(RunnerAnswer.Stop.class);
        }
        assertThat(apisix.communicate(route, PeerRequest.get("/orders"))).isInstanceOf(RunnerAnswer.Stop.class);

        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        String series = "jwkgate_validations_total{issuer=\"" + ISSUER + "\",";
        assertThat(metrics.body())
                .contains(series + "outcome=\"accepted\",reason=\"none\"} 5.0")
                .contains(series + "outcome=\"refused\",reason=\"expired\"} 4.0")
                .contains(series + "outcome=\"refused\",reason=\"missing_token\"} 1.0")
                .contains("jwkgate_key_source_fetches_total{issuer=\"" + ISSUER + "\",result=\"success\"} 1.0")
                .contains("jwkgate_key_source_health{issuer=\"" + ISSUER + "\",source=\"" + jwks.url()
                        + "\",state=\"HEALTHY\"} 1.0");
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"health\":\"HEALTHY\"");
    }
}
