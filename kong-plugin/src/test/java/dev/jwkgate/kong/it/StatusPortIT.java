package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.kong.peer.EventOutcome;
import dev.jwkgate.kong.peer.FakeKongPdk;
import dev.jwkgate.kong.peer.KongPeer;
import dev.jwkgate.source.support.JwksServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin server started with {@code --status-port}: what it serves on 127.0.0.1 while Kong sends it
 * requests, and that the counts add up to the requests decided.
 */
class StatusPortIT {

    private static final String ISSUER = "https://idp.example";
    private static final Pattern ANNOUNCED = Pattern.compile("jwkgate status on http://127\\.0\\.0\\.1:(\\d+) ");

    private static PluginServerProcess server;
    private static TestKeys key;
    private static JwksServer jwks;
    private static URI status;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        key = TestKeys.rsa("status-" + UUID.randomUUID());
        jwks = JwksServer.serving(TestKeys.jwks(List.of(key)));
        Path dir = Files.createTempDirectory("kong-status");
        server = PluginServerProcess.start(Path.of(PluginServerProcess.launcher()), Path.of(PluginServerProcess.jar()),
                dir.resolve("jwkgate.socket"), null, "", List.of("--status-port", "0"));
        String port = server.output().stream().map(ANNOUNCED::matcher).filter(Matcher::find).map(m -> m.group(1))
                .findFirst().orElseThrow(() -> new AssertionError("no status port announced: " + server.output()));
        status = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        jwks.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(status.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(long expiresInSeconds) throws Exception {
        long now = Instant.now().getEpochSecond();
        return key.sign("{\"iss\":\"" + ISSUER + "\",\"sub\":\"alice\",\"iat\":" + (now - 10) + ",\"exp\":"
                + (now + expiresInSeconds) + "}");
    }

    @Test
    void isLiveAndCountsEveryRequestKongSentByOutcomeAndReason() throws Exception {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        int accepted = 0;
        int expired = 0;
        int missing = 0;
        try (KongPeer kong = new KongPeer(server.socket())) {
            int id = kong.startInstance("jwkgate", "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + jwks.url()
                    + "\",\"__seq__\":7001,\"__plugin_id\":\"" + UUID.randomUUID() + "\"}");
            String good = token(300);
            String old = token(-600);
            for (int i = 0; i < 6; i++) {
                EventOutcome outcome = kong.handleEvent(id, "access",
                        FakeKongPdk.request("GET", Map.of("authorization", "Bearer " + good)));
                assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.COMPLETED);
                accepted++;
            }
            for (int i = 0; i < 3; i++) {
                assertThat(kong.handleEvent(id, "access", FakeKongPdk.request("GET",
                        Map.of("authorization", "Bearer " + old))).exitStatus()).isEqualTo(401);
                expired++;
            }
            for (int i = 0; i < 2; i++) {
                assertThat(kong.handleEvent(id, "access", FakeKongPdk.request("GET", Map.of())).exitStatus())
                        .isEqualTo(401);
                missing++;
            }
        }

        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        String series = "jwkgate_validations_total{issuer=\"" + ISSUER + "\",";
        assertThat(metrics.body())
                .contains(series + "outcome=\"accepted\",reason=\"none\"} " + accepted + ".0")
                .contains(series + "outcome=\"refused\",reason=\"expired\"} " + expired + ".0")
                .contains(series + "outcome=\"refused\",reason=\"missing_token\"} " + missing + ".0")
                .contains("jwkgate_key_source_fetches_total{issuer=\"" + ISSUER + "\",result=\"success\"} 1.0")
                .contains("jwkgate_key_source_keys{issuer=\"" + ISSUER + "\",source=\"" + jwks.url() + "\"} 1.0")
                .contains("jwkgate_key_source_health{issuer=\"" + ISSUER + "\",source=\"" + jwks.url()
                        + "\",state=\"HEALTHY\"} 1.0")
                .contains("jwkgate_validation_duration_seconds_count{issuer=\"" + ISSUER + "\"}");
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"health\":\"HEALTHY\"");
    }
}
