package dev.jwkgate.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.config.ConfigException;
import dev.jwkgate.source.support.LoopbackServer;
import dev.jwkgate.source.support.LoopbackServer.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport rules of one JWKS or discovery GET, against a real loopback server. */
class JsonDocumentFetcherTest {

    private static final String JWKS = "{\"keys\":[]}";

    private LoopbackServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = LoopbackServer.http();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Generous timeouts, so a loaded machine never turns a passing fetch into a timeout. */
    private static JsonDocumentFetcher fetcher(Map<String, String> headers) {
        return fetcher(headers, Duration.ofSeconds(15));
    }

    private static JsonDocumentFetcher fetcher(Map<String, String> headers, Duration total) {
        return new JsonDocumentFetcher(new HttpFetchSettings(Duration.ofSeconds(5), total, 4_096,
                headers, false, null));
    }

    private static JsonDocumentFetcher fetcher() {
        return fetcher(Map.of());
    }

    @Test
    void returnsTheBodyAndCacheControlOfA200JsonResponse() throws Exception {
        server.respond("/jwks", Response.json(JWKS).withHeader("Cache-Control", "public, max-age=300"));

        FetchedDocument document = fetcher().fetch(server.uri("/jwks"));

        assertThat(document.body()).isEqualTo(JWKS);
        assertThat(document.cacheControl()).isEqualTo("public, max-age=300");
    }

    @Test
    void acceptsTheJwkSetMediaTypeWithParameters() throws Exception {
        server.respond("/jwks", Response.json(JWKS).withHeader("Content-Type", "application/jwk-set+json; charset=utf-8"));

        assertThat(fetcher().fetch(server.uri("/jwks")).body()).isEqualTo(JWKS);
    }

    @Test
    void asksForAJwkSetAndSendsTheConfiguredHeaders() throws Exception {
        server.respond("/jwks", Response.json(JWKS));

        fetcher(Map.of("Authorization", "Bearer s3cret", "X-Tenant", "blue")).fetch(server.uri("/jwks"));

        var headers = server.requestHeaders().get(0);
        assertThat(headers.getFirst("Accept")).isEqualTo("application/jwk-set+json, application/json");
        assertThat(headers.getFirst("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(headers.getFirst("X-Tenant")).isEqualTo("blue");
    }

    @Test
    void refusesA404NamingTheStatus() {
        assertThatThrownBy(() -> fetcher().fetch(server.uri("/missing")))
                .isInstanceOf(FetchException.class)
                .hasMessage("status 404 (only 200 is accepted)");
    }

    @Test
    void refusesA500NamingTheStatus() {
        server.respond("/jwks", Response.status(500));

        assertThatThrownBy(() -> fetcher().fetch(server.uri("/jwks"))).hasMessageContaining("status 500");
    }

    @Test
    void neverFollowsARedirectAndNamesItsTarget() throws Exception {
        try (LoopbackServer elsewhere = LoopbackServer.http()) {
            elsewhere.respond("/jwks", Response.json(JWKS));
            String target = elsewhere.uri("/jwks").toString().replace("127.0.0.1", "localhost") + "?token=abc";
            server.respond("/jwks", Response.status(302).withHeader("Location", target));

            assertThatThrownBy(() -> fetcher().fetch(server.uri("/jwks")))
                    .hasMessageStartingWith("status 302: redirect to http://localhost:")
                    .hasMessageContaining("refused")
                    .hasMessageNotContaining("token=abc");
            assertThat(elsewhere.hits("/jwks")).isZero();
        }
    }

    @Test
    void refusesAnHtmlPageServedWith200() {
        server.respond("/jwks", Response.json("<html>login</html>").withHeader("Content-Type", "text/html"));

        assertThatThrownBy(() -> fetcher().fetch(server.uri("/jwks"))).hasMessage("not JSON: content type 'text/html'");
    }

    @Test
    void refusesABodyWithoutContentType() {
        server.respond("/jwks", Response.json(JWKS).withoutHeader("Content-Type"));

        assertThatThrownBy(() -> fetcher().fetch(server.uri("/jwks"))).hasMessage("not JSON: content type missing");
    }

    @Test
    void refusesAnAnnouncedBodyLargerThanTheCap() {
        server.respond("/jwks", Response.json(" ".repeat(5_000)));

        assertThatThrownBy(() -> fetcher().fetch(server.uri("/jwks"))).hasMessage("body larger than 4096 bytes");
    }

    @Test
    void stopsReadingAStreamedBodyPastTheCap() {
        long huge = 256L * 1024 * 1024;
        server.respond("/jwks", Response.json("").streaming(huge));

        assertThatThrownBy(() -> fetcher().fetch(server.uri("/jwks"))).hasMessage("body larger than 4096 bytes");
        // socket buffers let the server write ahead a little, nowhere near the whole body
        assertThat(server.bytesStreamed()).isLessThan(huge / 4);
    }

    @Test
    void refusesABodyThatIsNotUtf8() {
        server.respond("/jwks", new Response(200, Map.of("Content-Type", "application/json"),
                new byte[] {'{', (byte) 0xC3, '}'}, Duration.ZERO, 0));

        assertThatThrownBy(() -> fetcher().fetch(server.uri("/jwks"))).hasMessage("body is not valid UTF-8");
    }

    @Test
    void givesUpOnAHangingServerAtTheTotalTimeout() {
        server.respond("/jwks", Response.json(JWKS).withDelay(Duration.ofSeconds(30)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher(Map.of(), Duration.ofMillis(1_500)).fetch(server.uri("/jwks")))
                .hasMessage("timed out after 1500 ms");
        // far below the server's 30 s: the bound, not the server, ended the wait (margin for a loaded machine)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500 + 8_000));
    }

    @Test
    void theTotalTimeoutCoversASlowBody() {
        server.respond("/jwks", Response.json(JWKS).trickling(Duration.ofSeconds(30)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher(Map.of(), Duration.ofMillis(1_500)).fetch(server.uri("/jwks")))
                .hasMessage("timed out after 1500 ms");
        // far below the server's 30 s: the bound, not the server, ended the wait (margin for a loaded machine)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500 + 8_000));
    }

    @Test
    void reportsARefusedConnection() {
        var uri = server.uri("/jwks");
        server.stop();

        assertThatThrownBy(() -> fetcher().fetch(uri)).hasMessageStartingWith("connection failed");
    }

    @Test
    void refusesRestrictedRequestHeaderNamesAtConstruction() {
        assertThatThrownBy(() -> fetcher(Map.of("Host", "evil.example")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'Host' cannot be sent")
                .hasMessageNotContaining("evil.example");
    }

    @Test
    void neverShowsHeaderValuesInItsSettings() {
        assertThat(fetcher(Map.of("Authorization", "Bearer s3cret")).settings().toString())
                .contains("Authorization")
                .doesNotContain("s3cret");
    }
}
