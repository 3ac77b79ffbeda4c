package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jwkgate.it.e2e.Policy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The status port of each real gateway's Java process, scraped while traffic runs: the plugin server started by Kong
 * with {@code --status-port} in its {@code pluginserver_jwkgate_start_cmd}, the runner started by APISIX with
 * {@code -Djwkgate.status.port} in its {@code ext-plugin.cmd}. The outcomes counted add up, reason by reason, to the
 * requests sent; with the JWKS endpoint gone, the source turns STALE on {@code /metrics} and {@code /health/ready},
 * its set's age grows, and valid tokens still pass. Gateways of its own (the status ports are start options).
 */
@RequiresRealGateways
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsThroughRealGatewaysIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private RsaJsonWebKey key;
    private HttpServer jwks;
    private String issuer;
    private String jwksUri;
    private RealGateways gateways;
    private Route route;

    @BeforeAll
    void startGatewaysWithStatusPortsAndAJwksEndpoint() throws Exception {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("metrics-1");
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        byte[] set = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                .getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), LoopbackPorts.next()), 16);
        jwks.createContext("/jwks.json", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, set.length);
                exchange.getResponseBody().write(set);
            }
        });
        jwks.start();
        int port = jwks.getAddress().getPort();
        issuer = "http://127.0.0.1:" + port + "/metrics-it";
        jwksUri = "http://127.0.0.1:" + port + "/jwks.json";
        gateways = RealGateways.startWithStatusPorts(List.of(), List.of());
        // the set expires every few seconds, so an outage shows quickly
        route = Route.jwkgate("metrics", Policy.of(Map.of("issuer", issuer, "jwks_uri", jwksUri,
                "algorithms", List.of("RS256"), "first_load_wait_ms", 10_000,
                "cache_default_ttl_seconds", 3, "cache_min_ttl_seconds", 1)));
        gateways.register(route);
    }

    @AfterAll
    void stop() throws IOException {
        if (gateways != null) {
            gateways.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    @Test
    @Order(1)
    void countsEveryRequestSentThroughEachGatewayByOutcomeAndReason() throws Exception {
        String valid = token(Instant.now().plusSeconds(900));
        String expired = token(Instant.now().minusSeconds(3600));
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
        Map<String, Integer> sent = Map.of("accepted/none", 7, "refused/missing_token", 3, "refused/malformed", 4,
                "refused/expired", 2, "refused/bad_signature", 5);
        for (RealGateway gateway : gateways.both()) {
            Map<String, Double> before = validations(scrape(gateway));
            for (int i = 0; i < 7; i++) {
                assertThat(gateways.bearer(gateway, route.prefix() + "ok-" + i, valid).status()).as(gateway.name()).isEqualTo(200);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(gateways.bearer(gateway, route.prefix() + "none-" + i, null).status()).isEqualTo(401);
            }
            for (int i = 0; i < 4; i++) {
                assertThat(gateways.bearer(gateway, route.prefix() + "garbage-" + i, "not-a-token").status()).isEqualTo(401);
            }
            for (int i = 0; i < 2; i++) {
                assertThat(gateways.bearer(gateway, route.prefix() + "expired-" + i, expired).status()).isEqualTo(401);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(gateways.bearer(gateway, route.prefix() + "forged-" + i, forged).status()).isEqualTo(401);
            }
            Map<String, Double> after = validations(scrape(gateway));
            Map<String, Integer> counted = GatewayStatus.counted(before, after);
            System.out.printf("%s status port %d counted %s for the 21 requests sent%n", gateway.name(),
                    gateways.status(gateway).port(), counted);
            assertThat(counted).as(gateway.name() + ": outcomes counted for the requests sent").isEqualTo(sent);
        }
    }

    @Test
    @Order(2)
    void reportsTheSourceStaleWithAGrowingAgeWhileValidTokensStillPass() throws Exception {
        for (RealGateway gateway : gateways.both()) {
            assertThat(gateways.bearer(gateway, route.prefix() + "warm", token(Instant.now().plusSeconds(900))).status())
                    .isEqualTo(200);
            assertThat(health(scrape(gateway))).as(gateway.name()).isEqualTo("HEALTHY");
        }
        jwks.stop(0);
        jwks = null;
        for (RealGateway gateway : gateways.both()) {
            String text = awaitScrape(gateway, t -> "STALE".equals(health(t)));
            double age = age(text);
            Thread.sleep(3_000);
            String later = scrape(gateway);
            assertThat(health(later)).isEqualTo("STALE");
            assertThat(age(later)).as(gateway.name() + ": key set age while the JWKS endpoint is down")
                    .isGreaterThanOrEqualTo(age + 2);
            HttpResponse<String> ready = gateways.status(gateway).get("/health/ready");
            assertThat(ready.statusCode()).as(gateway.name() + " ready (a STALE set still serves)").isEqualTo(200);
            assertThat(ready.body()).contains("\"health\":\"STALE\"", jwksUri);
            String path = route.prefix() + "outage-" + UUID.randomUUID();
            Reply reply = gateways.bearer(gateway, path, token(Instant.now().plusSeconds(900)));
            System.out.printf("JWKS endpoint down: %s STALE, set age %.1f s then %.1f s, ready %d %s, new token %s%n",
                    gateway.name(), age, age(later), ready.statusCode(), ready.body(), reply.verdict());
            assertThat(reply.status()).as(gateway.name() + ", JWKS endpoint down: " + reply).isEqualTo(200);
            assertThat(gateways.upstream().received(path)).isPresent();
        }
    }

    private String token(Instant expires) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("metrics-it");
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private String scrape(RealGateway gateway) throws Exception {
        return gateways.status(gateway).scrape();
    }

    private String awaitScrape(RealGateway gateway, Predicate<String> condition) throws Exception {
        Instant deadline = Instant.now().plus(LIMIT);
        String text = scrape(gateway);
        while (!condition.test(text)) {
            assertThat(Instant.now()).as(gateway.name() + " /metrics within " + LIMIT + ":\n" + text).isBefore(deadline);
            // a request lets a gateway whose refresh waits for traffic notice the failure too
            gateways.bearer(gateway, route.prefix() + "poll", null);
            Thread.sleep(500);
            text = scrape(gateway);
        }
        return text;
    }

    private Map<String, Double> validations(String text) {
        return GatewayStatus.validations(text, issuer);
    }

    private String health(String text) {
        return GatewayStatus.health(text, issuer);
    }

    private double age(String text) {
        return GatewayStatus.age(text, issuer);
    }
}
