package dev.jwkgate.kong.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkgate.it.gateways.GatewayInstall;
import dev.jwkgate.it.gateways.LoopbackPorts;
import dev.jwkgate.it.gateways.RealGateway;
import dev.jwkgate.it.gateways.RealKong;
import dev.jwkgate.it.gateways.RequestEcho;
import dev.jwkgate.it.gateways.RequiresRealGateways;
import dev.jwkgate.support.TestHost;
import java.nio.file.Path;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kong consumers through the shipped plugin-server jar inside the real Kong 3.9.1, next to Kong's own bundled
 * {@code acl}, {@code rate-limiting}, {@code key-auth} and {@code request-termination} plugins: what those plugins
 * see is what {@code kong.client.authenticate} and {@code kong.ctx.shared.authenticated_groups} told them.
 *
 * <p>Kong's proxy and Admin API and the echo upstream on ports of the suite's range ({@link LoopbackPorts}).
 */
@RequiresRealGateways
class ConsumersInRealKongIT {

    private static final String ISSUER = "https://idp.example/realms/ai";
    private static final String ALICE_ID = "0b4ad5c2-4f0e-4d7a-9b1c-6a7e8f9d0c1b";
    private static final String GUEST_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static final String KEY = "key-auth-secret-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static TestKeys keys;
    private static RealKong kong;
    private static RequestEcho echo;

    @BeforeAll
    static void startKong() throws Exception {
        keys = TestKeys.rsa("consumers-k1");
        echo = RequestEcho.start(LoopbackPorts.next());
        kong = RealKong.start(GatewayInstall.require(), RealGateway.scratchDirectory("jwkgate-kong-consumers-"),
                LoopbackPorts.next(), LoopbackPorts.next(), echo.port(), Path.of(System.getProperty("jwkgate.kong.jar")),
                List.of("acl", "rate-limiting", "key-auth", "request-termination"), List.of(), declarativeConfig());
        kong.deleteDirectoryOnClose();
    }

    @AfterAll
    static void stopKong() throws Exception {
        TestHost.closeAll(kong, echo);
    }

    // ---- acl: allow and deny by a token role, through authenticated_groups_claim ----

    @Test
    void aclLetsATokenWithTheAllowedNestedRoleThroughAndNamesItsGroups() throws Exception {
        HttpResponse<String> response = get("/acl", token("alice", "\"realm_access\":{\"roles\":[\"llm-user\",\"offline\"]}"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstreamHeader(response, "x-authenticated-groups")).isEqualTo("llm-user, offline");
    }

    @Test
    void aclRefusesATokenWithoutTheAllowedRole() throws Exception {
        HttpResponse<String> response = get("/acl", token("bob", "\"realm_access\":{\"roles\":[\"offline\"]}"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("You cannot consume this service");
    }

    @Test
    void aclDeniesATokenWithADeniedRole() throws Exception {
        assertThat(get("/acl-deny", token("carol", "\"realm_access\":{\"roles\":[\"banned\"]}")).statusCode())
                .isEqualTo(403);
        assertThat(get("/acl-deny", token("dave", "\"realm_access\":{\"roles\":[\"llm-user\"]}")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aclRefusesATokenWithoutAnyRoleAsAClientInNoGroup() throws Exception {
        assertThat(get("/acl", token("erin", "\"other\":1")).statusCode()).isEqualTo(403);
    }

    @Test
    void aclReadsTheTokenRolesOfAMappedConsumerWhenToldToAlwaysUseThem() throws Exception {
        assertThat(get("/consumer-acl", token("alice", "\"realm_access\":{\"roles\":[\"llm-user\"]}")).statusCode())
                .isEqualTo(200);
        assertThat(get("/consumer-acl", token("alice", "\"realm_access\":{\"roles\":[\"offline\"]}")).statusCode())
                .isEqualTo(403);
    }

    // ---- rate-limiting limit_by=consumer counts per token subject ----

    @Test
    void rateLimitingByConsumerCountsEachTokenSubjectOnItsOwn() throws Exception {
        String frank = token("frank", "\"x\":1");
        String grace = token("grace", "\"x\":1");
        assertThat(get("/limited", frank).statusCode()).isEqualTo(200);
        assertThat(get("/limited", frank).statusCode()).isEqualTo(200);
        HttpResponse<String> third = get("/limited", frank);
        assertThat(third.statusCode()).isEqualTo(429);
        // the same client address, another subject: its own count
        assertThat(get("/limited", grace).statusCode()).isEqualTo(200);
        assertThat(get("/limited", grace).headers().firstValue("RateLimit-Remaining")).hasValue("0");
    }

    @Test
    void theSubjectIsTheCredentialKongSeesAndNamesUpstream() throws Exception {
        HttpResponse<String> response = get("/limited", token("heidi", "\"x\":1"));
        assertThat(upstreamHeader(response, "x-credential-identifier")).isEqualTo("heidi");
        assertThat(upstreamHeader(response, "x-consumer-id")).isNull();
    }

    // ---- consumers mapped from a claim ----

    @Test
    void aTokenWhoseSubjectIsAConsumersUsernameIsThatConsumer() throws Exception {
        HttpResponse<String> response = get("/consumer", token("alice", "\"x\":1"), "X-Consumer-Username", "mallory");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstreamHeader(response, "x-consumer-username")).isEqualTo("alice");
        assertThat(upstreamHeader(response, "x-consumer-id")).isEqualTo(ALICE_ID);
        assertThat(upstreamHeader(response, "x-consumer-custom-id")).isEqualTo("A-1");
        assertThat(upstreamHeader(response, "x-credential-identifier")).isEqualTo("alice");
    }

    @Test
    void aTokenOfAnUnknownConsumerIsRefused() throws Exception {
        HttpResponse<String> response = get("/consumer", token("nobody", "\"x\":1"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("unknown_consumer");
        // remembered as unknown: the second answer is the same
        assertThat(get("/consumer", token("nobody", "\"x\":1")).statusCode()).isEqualTo(401);
    }

    @Test
    void rateLimitingByConsumerCountsTheMappedConsumer() throws Exception {
        String alice = token("alice", "\"x\":1");
        assertThat(get("/consumer-limited", alice).statusCode()).isEqualTo(200);
        assertThat(get("/consumer-limited", alice).statusCode()).isEqualTo(429);
    }

    // ---- multi-auth: jwkgate or key-auth, both with anonymous ----

    @Test
    void multiAuthTakesAValidToken() throws Exception {
        HttpResponse<String> response = get("/multi", token("alice", "\"x\":1"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstreamHeader(response, "x-consumer-username")).isEqualTo("alice");
        assertThat(upstreamHeader(response, "x-anonymous-consumer")).isNull();
    }

    @Test
    void multiAuthTakesAnApiKeyWhenThereIsNoToken() throws Exception {
        HttpResponse<String> response = get("/multi", null, "apikey", KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstreamHeader(response, "x-consumer-username")).isEqualTo("key-user");
        assertThat(upstreamHeader(response, "x-anonymous-consumer")).isNull();
    }

    @Test
    void multiAuthTakesAnApiKeyNextToAForgedToken() throws Exception {
        String forged = token("alice", "\"x\":1");
        forged = forged.substring(0, forged.length() - 4) + "AAAA";
        HttpResponse<String> response = get("/multi", forged, "apikey", KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstreamHeader(response, "x-consumer-username")).isEqualTo("key-user");
    }

    @Test
    void multiAuthWithoutEitherProceedsAsTheAnonymousConsumer() throws Exception {
        HttpResponse<String> response = get("/multi", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstreamHeader(response, "x-consumer-username")).isEqualTo("anonymous");
        assertThat(upstreamHeader(response, "x-anonymous-consumer")).isEqualTo("true");
    }

    @Test
    void multiAuthTreatsAValidTokenOfAnUnknownConsumerAsAFailedAuthentication() throws Exception {
        HttpResponse<String> response = get("/multi", token("nobody-known", "\"x\":1"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstreamHeader(response, "x-consumer-username")).isEqualTo("anonymous");
        HttpResponse<String> withKey = get("/multi", token("nobody-known", "\"x\":1"), "apikey", KEY);
        assertThat(upstreamHeader(withKey, "x-consumer-username")).isEqualTo("key-user");
    }

    @Test
    void anAnonymousConsumerCanStillBeTurnedAwayByAPluginScopedToIt() throws Exception {
        HttpResponse<String> response = get("/multi-strict", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("token or key required");
        assertThat(get("/multi-strict", token("alice", "\"x\":1")).statusCode()).isEqualTo(200);
    }

    // ---- helpers ----

    private static String token(String subject, String moreClaims) throws Exception {
        long now = Instant.now().getEpochSecond();
        return keys.sign("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"iat\":" + now + ",\"exp\":"
                + (now + 600) + "," + moreClaims + "}");
    }

    private static HttpResponse<String> get(String path, String token, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(kong.uri(path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The header's first value as the echo upstream received it, or null. */
    private static String upstreamHeader(HttpResponse<String> response, String name) throws IOException {
        JsonNode values = JSON.readTree(response.body()).path("headers").path(name);
        return values.isMissingNode() ? null : values.get(0).asText();
    }


    /** The jwkgate plugin entry of a route, with more config lines (already indented). */
    private static String jwkgate(String... moreConfig) {
        StringBuilder yaml = new StringBuilder()
                .append("          - name: jwkgate\n")
                .append("            config:\n")
                .append("              issuer: ").append(ISSUER).append('\n')
                .append("              jwks: '").append(TestKeys.jwks(List.of(keys))).append("'\n");
        for (String line : moreConfig) {
            yaml.append("              ").append(line).append('\n');
        }
        return yaml.toString();
    }

    /** Another plugin entry of a route: its scope lines (e.g. {@code consumer: x}), then config lines. */
    private static String plugin(String name, List<String> scope, String... config) {
        StringBuilder yaml = new StringBuilder("          - name: ").append(name).append('\n');
        scope.forEach(line -> yaml.append("            ").append(line).append('\n'));
        yaml.append("            config:\n");
        for (String line : config) {
            yaml.append("              ").append(line).append('\n');
        }
        return yaml.toString();
    }

    private static String route(String name, String... plugins) {
        return "      - name: " + name + "\n"
                + "        paths: [\"/" + name + "\"]\n"
                + "        plugins:\n"
                + String.join("", plugins);
    }

    /** Consumers, and one route per behaviour, all to the echo upstream. */
    private static String declarativeConfig() {
        String groups = "authenticated_groups_claim: [realm_access, roles]";
        String bySubject = "consumer_claim: [sub]";
        String anonymous = "anonymous: anonymous";
        return String.join("\n",
                "_format_version: \"3.0\"",
                "consumers:",
                "  - id: " + ALICE_ID,
                "    username: alice",
                "    custom_id: A-1",
                "  - id: " + GUEST_ID,
                "    username: anonymous",
                "  - username: key-user",
                "    keyauth_credentials:",
                "      - key: " + KEY,
                "services:",
                "  - name: echo",
                "    url: http://127.0.0.1:" + echo.port(),
                "    routes:",
                "")
                + route("acl", jwkgate(groups), plugin("acl", List.of(), "allow: [llm-user]"))
                + route("acl-deny", jwkgate(groups), plugin("acl", List.of(), "deny: [banned]"))
                + route("limited", jwkgate(),
                        plugin("rate-limiting", List.of(), "minute: 2", "limit_by: consumer", "policy: local"))
                + route("consumer", jwkgate(bySubject))
                + route("consumer-acl", jwkgate(bySubject, groups),
                        plugin("acl", List.of(), "allow: [llm-user]", "always_use_authenticated_groups: true"))
                + route("consumer-limited", jwkgate(bySubject),
                        plugin("rate-limiting", List.of(), "minute: 1", "limit_by: consumer", "policy: local"))
                + route("multi", jwkgate(bySubject, anonymous), plugin("key-auth", List.of(), anonymous))
                + route("multi-strict", jwkgate(bySubject, anonymous), plugin("key-auth", List.of(), anonymous),
                        plugin("request-termination", List.of("consumer: anonymous"), "status_code: 401",
                                "message: token or key required"));
    }
}
