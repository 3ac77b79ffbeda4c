package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The AI-gateway recipes of {@code examples/ai-gateway/} as they are written, loaded into a real APISIX 3.18 and a
 * real Kong 3.9.1 with only the issuer and the upstream address replaced: the LLM route admits only tokens carrying
 * the realm role {@code llm-user} (a nested claim), counts requests per subject (APISIX {@code limit-count} on the
 * forwarded {@code X-User-Id}, Kong {@code rate-limiting} by the credential jwkgate hands over), and tells the
 * upstream who is calling (subject, client, issuer), whatever the client sent under those names.
 *
 * <p>The gateways here are this class's own (not the shared ones: these carry the recipes' bundled plugins and
 * routes), on ports of the suite's range ({@link LoopbackPorts}). Tokens are signed in the test with an RSA key that a local issuer publishes through
 * discovery, as a Keycloak realm does; the claims are Keycloak's shape ({@code realm_access.roles}, {@code azp}).
 */
@RequiresRealGateways
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiGatewayRecipesThroughRealGatewaysIT {

    private static final Path RECIPES = Path.of(System.getProperty("jwkgate.project.dir", ".."), "examples", "ai-gateway");
    /** What the recipes name, and what this test puts in their place. */
    private static final String RECIPE_ISSUER = "https://keycloak.example.com/realms/acme";
    private static final String RECIPE_UPSTREAM = "llm-backend.internal:8000";
    private static final String AUDIENCE = "llm-gateway";
    private static final String CLIENT = "chat-frontend";
    private static final String PATH = "/v1/chat/completions";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Path dir;
    private RsaJsonWebKey key;
    private HttpServer issuerServer;
    private String issuer;
    private EchoUpstream upstream;
    private RealApisix apisix;
    private RealKong kong;
    private int apisixLimit;
    private int kongLimit;

    @BeforeAll
    void loadTheRecipesIntoBothGateways() throws Exception {
        GatewayInstall install = GatewayInstall.require();
        dir = RealGateway.scratchDirectory("jwkgate-recipes-");
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("recipes-1");
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        startIssuer(LoopbackPorts.next());
        upstream = EchoUpstream.start(LoopbackPorts.next());

        String apisixRoute = substitute(Files.readString(RECIPES.resolve("apisix-route.json")));
        String kongYaml = substitute(Files.readString(RECIPES.resolve("kong.yaml")));
        apisixLimit = ((Number) ((Map<?, ?>) ((Map<?, ?>) JsonUtil.parseJson(apisixRoute).get("plugins")).get("limit-count"))
                .get("count")).intValue();
        Matcher hour = Pattern.compile("(?m)^\\s+hour: (\\d+)$").matcher(kongYaml);
        assertThat(hour.find()).as("the Kong recipe limits per hour").isTrue();
        kongLimit = Integer.parseInt(hour.group(1));

        apisix = RealApisix.start(install, dir.resolve("apisix"), LoopbackPorts.next(), upstream.port(),
                RealGateways.jar("jwkgate.apisix.runnerJar"), List.of("limit-count"), List.of());
        // APISIX notices a new apisix.yaml by its modification time in whole seconds
        Thread.sleep(1100);
        RealGateway.writeAtomically(apisix.home().resolve("conf/apisix.yaml"),
                "{\"routes\": [" + apisixRoute + "]}\n#END\n");
        int kongPort = LoopbackPorts.next();
        int kongAdmin = LoopbackPorts.next();
        kong = RealKong.start(install, dir.resolve("kong"), kongPort, kongAdmin, upstream.port(),
                RealGateways.jar("jwkgate.kong.jar"), List.of("rate-limiting"), List.of(), kongYaml);
        for (RealGateway gateway : both()) {
            // routed, and the issuer's keys loaded: a token of a user the recipes admit passes
            String token = token("warm-up-" + gateway.name(), List.of("llm-user"));
            RealGateway.await(gateway.name() + " serving the recipe's route", Duration.ofSeconds(60),
                    () -> send(gateway, PATH + "?warm-up=" + UUID.randomUUID(), "Authorization", "Bearer " + token).status() == 200);
        }
    }

    @AfterAll
    void stopEverything() throws IOException {
        for (AutoCloseable started : new AutoCloseable[] {apisix, kong, upstream}) {
            if (started != null) {
                try {
                    started.close();
                } catch (Exception e) {
                    System.err.println("stopping " + started + ": " + e);
                }
            }
        }
        if (issuerServer != null) {
            issuerServer.stop(0);
        }
        if (dir != null) {
            RealGateway.deleteScratch(dir);
        }
    }

    @Test
    void aTokenWithoutTheLlmUserRealmRoleIsForbiddenAndNeverReachesTheModel() {
        String token = token("user-" + UUID.randomUUID(), List.of("offline_access", "llm-viewer"));
        for (RealGateway gateway : both()) {
            String target = PATH + "?request=" + UUID.randomUUID();
            Reply reply = send(gateway, target, "Authorization", "Bearer " + token);

            assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
            assertThat(reply.reason()).as(reply.toString()).isEqualTo("insufficient_scope");
            assertThat(upstream.received(target)).as(gateway.name()).isEmpty();
        }
    }

    @Test
    void aTokenWithTheLlmUserRealmRoleReachesTheModel() {
        String token = token("user-" + UUID.randomUUID(), List.of("offline_access", "llm-user"));
        for (RealGateway gateway : both()) {
            String target = PATH + "?request=" + UUID.randomUUID();
            Reply reply = send(gateway, target, "Authorization", "Bearer " + token);

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(upstream.received(target)).as(gateway.name()).isPresent();
        }
    }

    @Test
    void theModelLearnsTheSubjectClientAndIssuerAndNeverTheClientsOwnCopies() {
        String subject = "user-" + UUID.randomUUID();
        String token = token(subject, List.of("llm-user"));
        for (RealGateway gateway : both()) {
            String target = PATH + "?request=" + UUID.randomUUID();
            Reply reply = send(gateway, target, "Authorization", "Bearer " + token,
                    "X-User-Id", "someone-else", "x_user_id", "someone-else-cgi", "X-Client-Id", "billing-exempt-client",
                    "X-Tenant-Issuer", "https://other-tenant.example");

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            EchoUpstream.Received received = upstream.received(target).orElseThrow();
            assertThat(received.values("X-User-Id")).as(gateway.name()).containsExactly(subject);
            assertThat(received.values("X-Client-Id")).as(gateway.name()).containsExactly(CLIENT);
            assertThat(received.values("X-Tenant-Issuer")).as(gateway.name()).containsExactly(issuer);
            assertThat(received.values("x_user_id")).as(gateway.name()).isEmpty();
            assertThat(received.values("Authorization")).as(gateway.name() + ": token stripped").isEmpty();
        }
    }

    @Test
    void oneSubjectsRequestBeyondItsQuotaIsRefusedWhileAnotherSubjectStillPasses() throws InterruptedException {
        waitIfTheHourEndsSoon();
        for (RealGateway gateway : both()) {
            int limit = gateway == apisix ? apisixLimit : kongLimit;
            String heavy = "heavy-" + UUID.randomUUID();
            String heavyToken = token(heavy, List.of("llm-user"));
            for (int i = 1; i <= limit; i++) {
                Reply reply = send(gateway, PATH + "?n=" + i + "&r=" + UUID.randomUUID(), "Authorization", "Bearer " + heavyToken);
                assertThat(reply.status()).as("request %d of %d: %s", i, limit, reply).isEqualTo(200);
            }

            String over = PATH + "?over=" + UUID.randomUUID();
            Reply refused = send(gateway, over, "Authorization", "Bearer " + heavyToken);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.body()).as("the recipe's own refusal").contains("request quota of this user exhausted");
            assertThat(upstream.received(over)).as(gateway.name()).isEmpty();

            // another subject, even one that names the exhausted subject in the header the quota is keyed on
            String light = PATH + "?light=" + UUID.randomUUID();
            Reply passes = send(gateway, light, "Authorization", "Bearer " + token("light-" + UUID.randomUUID(),
                    List.of("llm-user")), "X-User-Id", heavy);
            assertThat(passes.status()).as(passes.toString()).isEqualTo(200);
            assertThat(upstream.received(light)).as(gateway.name()).isPresent();
        }
    }

    /** Kong counts per calendar hour: a quota filled across an hour boundary would start again half-way. */
    private static void waitIfTheHourEndsSoon() throws InterruptedException {
        Instant now = Instant.now();
        Duration left = Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS));
        if (left.compareTo(Duration.ofMinutes(2)) < 0) {
            Thread.sleep(left.toMillis() + 1000);
        }
    }

    private List<RealGateway> both() {
        return List.of(apisix, kong);
    }

    /** The recipe with the test's issuer and upstream in place of the example ones; nothing else changes. */
    private String substitute(String recipe) {
        assertThat(recipe).contains(RECIPE_ISSUER, RECIPE_UPSTREAM);
        return recipe.replace(RECIPE_ISSUER, issuer).replace(RECIPE_UPSTREAM, "127.0.0.1:" + upstream.port());
    }

    /** An issuer publishing the key through discovery, at Keycloak's paths. */
    private void startIssuer(int port) throws IOException {
        issuer = "http://127.0.0.1:" + port + "/realms/acme";
        String jwksUri = issuer + "/protocol/openid-connect/certs";
        String discovery = JsonUtil.toJson(Map.of("issuer", issuer, "jwks_uri", jwksUri));
        String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        issuerServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        issuerServer.createContext("/realms/acme/.well-known/openid-configuration", exchange -> reply(exchange, discovery));
        issuerServer.createContext("/realms/acme/protocol/openid-connect/certs", exchange -> reply(exchange, jwks));
        issuerServer.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** An access token of Keycloak's shape: the subject, the client ({@code azp}), the audience, realm roles. */
    private String token(String subject, List<String> realmRoles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(AUDIENCE);
        claims.setClaim("azp", CLIENT);
        claims.setClaim("realm_access", Map.of("roles", realmRoles));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GET through a gateway with these headers (name, value, …). */
    private Reply send(RealGateway gateway, String target, String... headers) {
        return RealGateways.send(http, gateway, target, headers);
    }
}
