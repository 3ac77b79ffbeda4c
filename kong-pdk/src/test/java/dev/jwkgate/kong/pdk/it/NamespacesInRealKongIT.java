package dev.jwkgate.kong.pdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.it.gateways.GatewayInstall;
import dev.jwkgate.it.gateways.LoopbackPorts;
import dev.jwkgate.it.gateways.RealGateway;
import dev.jwkgate.it.gateways.RealKong;
import dev.jwkgate.it.gateways.RequestEcho;
import dev.jwkgate.it.gateways.RequiresRealGateways;
import dev.jwkgate.support.TestHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every PDK namespace inside the real Kong 3.9.1: Kong starts {@link NamespaceProbe} through
 * {@code pluginserver_pdkprobe_start_cmd} (and reads its dump through {@code query_cmd}), and each test drives it with
 * real HTTP requests through Kong's proxy, so every PDK call crosses Kong's own {@code pb_rpc.lua} bridge.
 *
 * <p>Needs the real gateways ({@link RequiresRealGateways}: skipped without them, failed without them on CI). Kong's
 * proxy and Admin API, the echo upstream and the route's own upstream (a port nothing listens on) on ports of the
 * suite's range ({@link LoopbackPorts}).
 */
@RequiresRealGateways
class NamespacesInRealKongIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static RealKong kong;
    private static RequestEcho echo;

    @BeforeAll
    static void startKong() throws Exception {
        echo = RequestEcho.start(LoopbackPorts.next());
        int closedPort = LoopbackPorts.next();
        RealKong.PluginServer probe = new RealKong.PluginServer(NamespaceProbe.NAME, System.getProperty("java.class.path"),
                NamespaceProbe.class.getName());
        kong = RealKong.start(GatewayInstall.require(), RealGateway.scratchDirectory("jwkgate-kong-namespaces-"),
                LoopbackPorts.next(), LoopbackPorts.next(), echo.port(), null, List.of(), List.of(),
                declarativeConfig(closedPort), List.of(probe),
                // every kong.log level must reach the error log; the probe reads its classes from the build's
                // directories and Maven's repository, which nginx's default worker user may not read
                List.of("log_level = debug", "nginx_user = root root"));
        kong.deleteDirectoryOnClose();
    }

    @AfterAll
    static void stopKong() throws Exception {
        TestHost.closeAll(kong, echo);
    }

    // ---- kong.request, kong.client, kong.nginx, kong.node, kong.ctx.shared: read in the access phase ----

    @Test
    void requestFactsReadThroughKongMatchTheRequestSent() throws Exception {
        Map<String, Object> read = read(HttpRequest.newBuilder(proxy("/probe/some/path?a=1&a=2&flag"))
                .header("X-Multi", "first").header("X-Multi", "second"));
        assertThat(read).containsEntry("method", "GET").containsEntry("scheme", "http")
                .containsEntry("host", "127.0.0.1").containsEntry("port", kong.port())
                .containsEntry("path", "/probe/some/path").containsEntry("pathWithQuery", "/probe/some/path?a=1&a=2&flag")
                .containsEntry("rawQuery", "a=1&a=2&flag").containsEntry("forwardedScheme", "http")
                .containsEntry("forwardedHost", "127.0.0.1").containsEntry("httpVersion", 1.1)
                .containsEntry("header", "first").containsEntry("queryArg", "1");
        assertThat(map(read.get("headers"))).containsEntry("x-multi", List.of("first", "second"))
                .containsEntry("x-probe", List.of("read"));
        assertThat(map(read.get("query"))).containsEntry("a", List.of("1", "2")).containsEntry("flag", List.of(""));
    }

    @Test
    void requestBodyInMemoryIsReadAsContent() throws Exception {
        Map<String, Object> read = read(HttpRequest.newBuilder(proxy("/probe"))
                .POST(HttpRequest.BodyPublishers.ofString("hello, kong")));
        assertThat(read).containsEntry("bodyText", "hello, kong").containsEntry("bodyFile", null);
    }

    @Test
    void requestBodyNginxBufferedToDiskIsReadAsItsFilePath() throws Exception {
        Map<String, Object> read = read(HttpRequest.newBuilder(proxy("/probe"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(256 * 1024))));
        assertThat(read.get("bodyText")).isNull();
        assertThat((String) read.get("bodyFile")).startsWith(kong.home().toString());
    }

    @Test
    void clientFactsAreTheConnectingClients() throws Exception {
        Map<String, Object> read = read(HttpRequest.newBuilder(proxy("/probe")));
        assertThat(read).containsEntry("clientIp", "127.0.0.1").containsEntry("clientForwardedIp", "127.0.0.1")
                .containsEntry("protocol", "http");
        assertThat((Integer) read.get("clientPort")).isPositive().isEqualTo(read.get("clientForwardedPort"));
    }

    @Test
    void consumersLoadByUsernameAndByIdAndAuthenticateForLaterPlugins() throws Exception {
        Map<String, Object> read = read(HttpRequest.newBuilder(proxy("/probe")));
        Map<String, Object> alice = map(read.get("consumerByUsername"));
        assertThat(alice).containsEntry("id", NamespaceProbe.ALICE_ID).containsEntry("username", "alice")
                .containsEntry("customId", "A-1").containsEntry("tags", List.of("team-a", "paid"));
        assertThat(((Number) alice.get("createdAt")).longValue()).isPositive();
        assertThat(read).containsEntry("consumerById", alice).containsEntry("consumerUnknown", null)
                .containsEntry("consumerBeforeAuthenticate", null).containsEntry("consumerAuthenticated", alice);
        assertThat(map(read.get("credentialAuthenticated")))
                .containsEntry("id", "9d3e5f7a-1b2c-4d5e-8f9a-0b1c2d3e4f5a").containsEntry("consumerId", NamespaceProbe.ALICE_ID);
    }

    @Test
    void aCredentialAloneIsAuthenticatedWithoutAConsumer() throws Exception {
        Map<String, Object> read = readAs("credential", HttpRequest.newBuilder(proxy("/probe")));
        assertThat(read).containsEntry("credentialBefore", null).containsEntry("consumer", null);
        // proto3 has no "absent" for a string: lua-protobuf decodes the unset consumer_id as "", which Kong's acl then
        // takes for a consumer id (the kong-plugin module's real-Kong tests show the 500 this gives)
        assertThat(map(read.get("credential"))).containsEntry("id", "virtual-subject").containsEntry("consumerId", "");
    }

    @Test
    void loadConsumerByUsernameAnswersTheConsumerWhoseIdIsAUuidShapedValue() throws Exception {
        Map<String, Object> read = readAs("credential", HttpRequest.newBuilder(proxy("/probe")));
        assertThat(map(read.get("uuidByUsername"))).containsEntry("id", NamespaceProbe.ALICE_ID)
                .containsEntry("username", "alice");
    }

    @Test
    void anEmptyListInTheSharedContextIsAnEmptyLuaTable() throws Exception {
        Map<String, Object> read = readAs("credential", HttpRequest.newBuilder(proxy("/probe")));
        // a table without element 1 is wrapped back as an object by pb_rpc.lua: the value is {}, not nil
        assertThat(read.get("emptyGroups")).isEqualTo(Map.of());
    }

    @Test
    void nginxNodeAndSharedContextAnswerFromKong() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        Map<String, Object> read = read(HttpRequest.newBuilder(proxy("/probe?x=1")));
        assertThat(read).containsEntry("nginxVar", "/probe?x=1").containsEntry("nginxVarUnset", "")
                .containsEntry("subsystem", "http").containsEntry("shared", "shared-read")
                .containsEntry("sharedStructured", Map.of("list", List.of("x", "y"), "n", 7.0))
                .containsEntry("sharedAbsent", null);
        assertThat(((Number) read.get("requestStart")).doubleValue())
                .isBetween(before.getEpochSecond() * 1.0, Instant.now().getEpochSecond() + 5.0);
        assertThat(UUID.fromString((String) read.get("nodeId"))).isNotNull();
    }

    // ---- kong.service, kong.service.request: the request Kong forwards ----

    @Test
    void upstreamRequestIsTheOneServiceRequestCallsMade() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/probe/original?orig=1"))
                .header("x-probe", "forward").header("x-echo-port", String.valueOf(echo.port()))
                .header("X-Set", "from-client").header("X-Add", "from-client").header("X-Clear", "from-client")
                .header("X-Table-Removed", "from-client").POST(HttpRequest.BodyPublishers.ofString("client body")));
        assertThat(response.statusCode()).isEqualTo(203);
        Map<String, Object> seen = JSON.readValue(response.body(), new TypeReference<>() { });
        assertThat(seen).containsEntry("method", "PUT").containsEntry("path", "/rewritten/path")
                .containsEntry("query", "q=1&q=2").containsEntry("body", "body-by-probe");
        assertThat(map(seen.get("headers"))).containsEntry("x-set", List.of("set-by-probe"))
                .containsEntry("x-add", List.of("from-client", "added-by-probe"))
                .containsEntry("x-table", List.of("from-set-headers"))
                .doesNotContainKeys("x-clear", "x-table-removed");
    }

    @Test
    void setUpstreamFindsAnUpstreamKongKnowsAndRefusesAnUnknownOne() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/probe/via-upstream")).header("x-probe", "upstream"));
        assertThat(response.statusCode()).isEqualTo(203);
        Map<String, Object> seen = JSON.readValue(response.body(), new TypeReference<>() { });
        assertThat(map(seen.get("headers"))).containsEntry("x-probe-upstream", List.of("true,false"));
        assertThat(seen).containsEntry("query", "raw=1&raw=2");
    }

    // ---- kong.service.response, kong.response: the response phase ----

    @Test
    void responsePhaseReadsTheUpstreamAnswerAndChangesWhatTheClientGets() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/probe/via-upstream")).header("x-probe", "upstream"));
        int echoed = response.body().getBytes(StandardCharsets.UTF_8).length;
        assertThat(response.headers().firstValue("X-Probe-Service")).hasValue("200 kept " + echoed);
        assertThat(response.headers().firstValue("X-Probe-Response")).hasValue("200 kept [drop]");
        assertThat(response.headers().firstValue("X-Probe-Shared")).hasValue("shared-upstream");
        assertThat(response.headers().allValues("X-Echo-Keep")).containsExactly("replaced");
        assertThat(response.headers().allValues("X-Probe-Added")).containsExactly("one", "two");
        assertThat(response.headers().firstValue("X-Echo-Drop")).isEmpty();
        assertThat(response.statusCode()).isEqualTo(203);
    }

    @Test
    void exitAnswersTheClientWithStatusBodyAndHeaders() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/probe")).header("x-probe", "exit"));
        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.body()).isEqualTo("short and stout");
        assertThat(response.headers().firstValue("X-Probe-Exit")).hasValue("yes");
        // nginx's charset directive (Kong sets UTF-8) appends the charset to a text type
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void exitWithAStatusAloneAnswersWithoutABody() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/probe")).header("x-probe", "exit-bare"));
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    // ---- kong.log ----

    @Test
    void everyLogLevelReachesKongsErrorLogAtThatLevel() throws Exception {
        String nonce = UUID.randomUUID().toString();
        assertThat(send(HttpRequest.newBuilder(proxy("/probe")).header("x-probe", "log").header("x-nonce", nonce))
                .statusCode()).isEqualTo(200);
        // kong.log.<level> to the level nginx prints; only err is spelt differently
        Map<String, String> levels = Map.of("alert", "alert", "crit", "crit", "err", "error", "warn", "warn",
                "notice", "notice", "info", "info", "debug", "debug");
        List<String> log = Files.readAllLines(kong.errorLog(), StandardCharsets.ISO_8859_1);
        levels.forEach((pdk, nginx) -> assertThat(log).as("kong.log.%s", pdk).anyMatch(line ->
                line.contains("[" + nginx + "]") && line.contains(NamespaceProbe.LOG_MARK + " " + pdk + " " + nonce)));
        assertThat(log).anyMatch(line -> line.contains(NamespaceProbe.LOG_MARK + " notice " + nonce + " 42 true"));
    }

    @Test
    void logPhaseSeesTheSharedContextOfItsRequest() throws Exception {
        send(HttpRequest.newBuilder(proxy("/probe/logged")).header("x-probe", "upstream"));
        // the log phase runs in a timer after the response: poll the error log for its line
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String expected = NamespaceProbe.LOG_MARK + " log phase, shared=shared-upstream";
        while (Files.readAllLines(kong.errorLog(), StandardCharsets.ISO_8859_1).stream()
                .noneMatch(line -> line.contains(expected))) {
            if (System.nanoTime() > deadline) {
                fail("no '" + expected + "' in Kong's error log within 30 s");
            }
            Thread.sleep(200);
        }
    }

    // ---- helpers ----

    private static Map<String, Object> read(HttpRequest.Builder request) throws Exception {
        return readAs("read", request);
    }

    private static Map<String, Object> readAs(String mode, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = send(request.header("x-probe", mode));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), new TypeReference<>() { });
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI proxy(String pathAndQuery) {
        return kong.uri(pathAndQuery);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }


    /**
     * A consumer, and a service whose host is an Upstream's name: kong.service.set_upstream only replaces the
     * balancer's host, which Kong's balancer resolves by name; behind an IP-address service host it fails the request.
     */
    private static String declarativeConfig(int closedPort) {
        return """
                _format_version: "3.0"
                consumers:
                  - id: %s
                    username: alice
                    custom_id: A-1
                    tags: [team-a, paid]
                upstreams:
                  - name: pdkprobe-upstream
                    targets:
                      - target: 127.0.0.1:%d
                  - name: pdkprobe-closed
                    targets:
                      - target: 127.0.0.1:%d
                services:
                  - name: probe
                    url: http://pdkprobe-closed
                    routes:
                      - name: probe
                        paths: ["/probe"]
                        strip_path: false
                    plugins:
                      - name: %s
                """.formatted(NamespaceProbe.ALICE_ID, echo.port(), closedPort, NamespaceProbe.NAME);
    }
}
