package dev.jwkgate.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.source.SourceHealth;
import dev.jwkgate.source.SourceStatus;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status port: metrics, liveness and readiness over HTTP on loopback. */
class StatusServerTest {

    private static final String ISSUER = "https://idp.example";
    private final List<SourceStatus> sources = new CopyOnWriteArrayList<>();
    private final PrometheusMetrics metrics = new PrometheusMetrics(() -> sources, Clock.systemUTC());
    private final HttpClient http = HttpClient.newHttpClient();
    private StatusServer server;

    @BeforeEach
    void start() throws Exception {
        server = StatusServer.start(0, metrics, () -> sources);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static SourceStatus source(SourceHealth health, int keys) {
        return new SourceStatus(ISSUER, ISSUER + "/certs", health, keys, keys > 0 ? Instant.now() : null, null, null);
    }

    @Test
    void servesTheMetricsAsPrometheusText() throws Exception {
        metrics.validations(ISSUER).refused(ReasonCode.EXPIRED);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains(
                "jwkgate_validations_total{issuer=\"" + ISSUER + "\",outcome=\"refused\",reason=\"expired\"} 1.0");
    }

    @Test
    void isLiveWhileItAnswers() throws Exception {
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void isReadyWhenEverySourceHasAUsableSet() throws Exception {
        sources.add(source(SourceHealth.HEALTHY, 2));
        sources.add(source(SourceHealth.STALE, 1));

        HttpResponse<String> response = get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"status\":\"ready\"").contains("\"health\":\"STALE\"");
    }

    @Test
    void isNotReadyWhileASourceHasNoUsableSet() throws Exception {
        sources.add(source(SourceHealth.HEALTHY, 2));
        sources.add(source(SourceHealth.UNAVAILABLE, 0));

        HttpResponse<String> response = get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).startsWith("{\"status\":\"not_ready\"").contains("\"health\":\"UNAVAILABLE\"");
    }

    @Test
    void isReadyBeforeAnyRouteConfiguredASource() throws Exception {
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void answersOtherPathsWith404AndOtherMethodsWith405() throws Exception {
        assertThat(get("/admin").statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build()).statusCode()).isEqualTo(405);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        assertThat(InetAddress.getLoopbackAddress().getHostAddress()).isEqualTo("127.0.0.1");
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
        InetAddress external = Collections.list(NetworkInterface.getNetworkInterfaces())
                .stream().filter(i -> !isLoopback(i)).flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address).findFirst().orElse(null);
        if (external != null) {
            assertThatThrownBy(() -> new Socket(external, server.port()).close())
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static boolean isLoopback(NetworkInterface networkInterface) {
        try {
            return networkInterface.isLoopback();
        } catch (SocketException e) {
            return true;
        }
    }

    @Test
    void refusesAPortPropertyThatIsNotAPort() {
        assertThatThrownBy(() -> StatusPort.parse("80a")).hasMessage("jwkgate.status.port: '80a' is not a port number (0 to 65535)");
        assertThatThrownBy(() -> StatusPort.parse("70000")).hasMessageContaining("not a port number");
        assertThat(StatusPort.parse("9542")).isEqualTo(9542);
    }
}
