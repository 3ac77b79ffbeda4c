package dev.jwkgate.demo.front;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.it.gateways.GatewayInstall;
import dev.jwkgate.it.gateways.LoopbackPorts;
import dev.jwkgate.it.gateways.RequiresRealGateways;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo on the real gateways: the installed APISIX and Kong, each starting the packaged deployable itself, with
 * the demo's echo upstream behind them, reached on their own ports and through the demo's front. Keys come from a
 * static JWKS, so no Keycloak is needed. Ports come from the range the real-gateway tests use.
 */
@RequiresRealGateways
class RealGatewayFrontsIT {

    private static final String ISSUER = "https://issuer.demo.test";
    private static final String REALM = "orders-api";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static TestIssuer issuer;
    private static HttpFront front;
    private static Map<String, RealGatewayFront> gateways = Map.of();

    @BeforeAll
    static void start() throws Exception {
        issuer = new TestIssuer(ISSUER, "real-front-it");
        String jwks = issuer.jwks();
        Map<String, Policy> routes = Map.of("orders", Policy.discovering(ISSUER).set("discovery", false)
                .set("jwks", jwks).set("realm", REALM).set("forward_claims", Map.of("sub", "X-User-Id")));
        Properties paths = new Properties();
        try (InputStream in = RealGatewayFrontsIT.class.getResourceAsStream("/jwkgate-demo.properties")) {
            paths.load(in);
        }
        GatewayInstall install = GatewayInstall.require();
        // under /tmp and searchable by others: the gateways' workers run as nobody when started as root
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jwkgate-demo-it-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        RealGatewayFront apisix = RealGatewayFront.apisix(install, dir.resolve("apisix"), LoopbackPorts.next(),
                LoopbackPorts.next(), Path.of(paths.getProperty("runner.jar")), routes);
        gateways = Map.of("apisix", apisix);
        RealGatewayFront kong = RealGatewayFront.kong(install, dir.resolve("kong"), LoopbackPorts.next(), LoopbackPorts.next(),
                LoopbackPorts.next(), Path.of(paths.getProperty("kong.jar")), routes);
        gateways = Map.of("apisix", apisix, "kong", kong);
        front = HttpFront.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(apisix, kong));
    }

    @AfterAll
    static void stop() {
        if (front != null) {
            front.close();
        }
        gateways.values().forEach(RealGatewayFront::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"apisix", "kong"})
    void letsAValidTokenThroughTheRealGatewayOnItsOwnPortWithItsSubjectForwarded(String gateway) throws Exception {
        HttpResponse<String> reply = get(gateways.get(gateway).url("orders"), "Authorization", "Bearer " + issuer.token("alice"));

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(upstreamHeaders(reply.body())).containsEntry("x-user-id", "alice");
        assertThat(JsonUtil.parseJson(reply.body())).containsEntry("gateway", gateway);
    }

    @ParameterizedTest
    @ValueSource(strings = {"apisix", "kong"})
    void refusesARequestWithoutATokenWithTheRealGatewaysChallenge(String gateway) throws Exception {
        HttpResponse<String> reply = get(gateways.get(gateway).url("orders"));

        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(reply.headers().allValues("WWW-Authenticate"))
                .containsExactly(HttpRejection.of(ReasonCode.MISSING_TOKEN, REALM).wwwAuthenticate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"apisix", "kong"})
    void keepsTheFrontsUrlsWorkingByForwardingThemToTheRealGateway(String gateway) throws Exception {
        RawHttp.Reply reply = RawHttp.get(front.port(), "/" + gateway + "/orders",
                "X-User-Id: admin", "Authorization: Bearer " + issuer.token("bob"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(upstreamHeaders(reply.body())).containsEntry("x-user-id", "bob");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apisix", "kong"})
    void leavesTwoAuthorizationHeadersToNginxWhichAnswers400BeforeThePluginRuns(String gateway) throws Exception {
        // not tokens: at info level nginx would write the refused line into the error log (see the next test)
        RawHttp.Reply reply = RawHttp.get(gateways.get(gateway).url("orders").getPort(), "/orders",
                "Authorization: Bearer first-copy", "Authorization: Bearer second-copy");

        // nginx keeps one Authorization line per request and refuses a second ("client sent duplicate header line")
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("WWW-Authenticate")).isEmpty();
    }

    @Test
    void kongAtItsDocumentedLogLevelKeepsNoPartOfATokenSentTwiceInItsErrorLog() throws Exception {
        RealGatewayFront kong = gateways.get("kong");
        RawHttp.Reply reply = RawHttp.get(kong.url("orders").getPort(), "/orders",
                "Authorization: Bearer kong-first-copy", "Authorization: Bearer kong-second-copy");
        assertThat(reply.status()).isEqualTo(400);

        // at log_level = info nginx would log the refused line whole ("client sent duplicate header line"); the
        // kong-plugin README keeps Kong at notice and gives the plugin server a --log-file of its own
        String log = Files.readString(kong.errorLog(), StandardCharsets.ISO_8859_1);
        assertThat(log).doesNotContain("kong-first-copy").doesNotContain("kong-second-copy")
                .doesNotContain("duplicate header line");
        assertThat(Files.readString(kong.serverLog(), StandardCharsets.UTF_8)).contains("listening on");
    }

    @Test
    void startsEachGatewayOnAPortOfItsOwn() {
        assertThat(gateways.get("apisix").url("orders").getPort()).isNotEqualTo(gateways.get("kong").url("orders").getPort());
        assertThat(gateways.get("apisix").pid()).isNotEqualTo(gateways.get("kong").pid());
    }

    private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> upstreamHeaders(String body) throws Exception {
        return (Map<String, Object>) JsonUtil.parseJson(body).get("upstream_headers");
    }
}
