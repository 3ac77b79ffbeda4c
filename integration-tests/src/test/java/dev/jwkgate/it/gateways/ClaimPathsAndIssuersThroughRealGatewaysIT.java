package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.result.HttpRejection;
import dev.jwkgate.result.ReasonCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tokens of Keycloak's shape ({@code realm_access.roles}, {@code resource_access.<client>.roles}, a namespaced claim
 * whose name holds dots) through the real APISIX 3.18 and the real Kong 3.9.1: nested claim paths in
 * {@code required_claims}, {@code claims_any_of} and {@code forward_claims}; several issuers on one route, each with its
 * own key set; and every refusal as the client sees it, in the gateways' own body shape ({@code {"message": …}}) with
 * jwkgate's reason beside it and the RFC 6750 challenge. Tokens are signed in the test, as two Keycloak realms would:
 * realm A's keys are a static {@code jwks}, realm B's are served by a JWKS endpoint on loopback.
 */
@RequiresRealGateways
@ExtendWith(SharedRealGateways.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimPathsAndIssuersThroughRealGatewaysIT {

    private static final String REALM_A = "https://keycloak.example/realms/tenant-a";
    private static final String REALM_B = "https://keycloak.example/realms/tenant-b";
    private static final String CLIENT = "orders-api";
    /** A namespaced claim, as a Keycloak mapper writes it: its name holds dots, written {@code \.} in a claim path. */
    private static final String TENANT_CLAIM = "https://acme.example/tenant";
    /** The {@code realm} of the roles route's challenge. */
    private static final String ROLES_REALM = "orders";

    private final RealGateways gateways;
    private final RsaJsonWebKey keyA = key("tenant-a-1");
    private final RsaJsonWebKey keyB = key("tenant-b-1");
    private HttpServer realmB;
    private Route roles;
    private Route issuers;

    ClaimPathsAndIssuersThroughRealGatewaysIT(RealGateways gateways) {
        this.gateways = gateways;
    }

    @BeforeAll
    void deployTheRoutes() throws IOException {
        realmB = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwksB = new JsonWebKeySet(keyB).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8);
        realmB.createContext("/protocol/openid-connect/certs", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwksB.length);
            exchange.getResponseBody().write(jwksB);
            exchange.close();
        });
        realmB.start();
        String jwksA = new JsonWebKeySet(keyA).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);

        Map<String, String> forwarded = new LinkedHashMap<>();
        forwarded.put("sub", "X-User-Id");
        forwarded.put("realm_access.roles", "X-Realm-Roles");
        forwarded.put("resource_access." + CLIENT + ".roles", "X-Client-Roles");
        forwarded.put(TENANT_CLAIM.replace(".", "\\."), "X-Tenant");
        roles = Route.jwkgate("paths-roles", Policy.of(Map.of("issuer", REALM_A, "jwks", jwksA, "realm", ROLES_REALM,
                "required_claims", List.of("realm_access.roles", TENANT_CLAIM.replace(".", "\\.")),
                "claims_any_of", Map.of("resource_access." + CLIENT + ".roles", List.of("order-reader")),
                "forward_claims", forwarded)));
        issuers = Route.jwkgate("paths-issuers", Policy.of(Map.of("issuer", REALM_A, "jwks", jwksA,
                "additional_issuers", Map.of(REALM_B, "http://127.0.0.1:" + realmB.getAddress().getPort()
                        + "/protocol/openid-connect/certs"),
                // a first load on a busy build machine can take longer than the 1 s default
                "first_load_wait_ms", 10_000,
                "forward_claims", Map.of("iss", "X-Issuer"))));
        gateways.register(roles, issuers);
    }

    @AfterAll
    void stopRealmB() {
        if (realmB != null) {
            realmB.stop(0);
        }
    }

    @Test
    void aRequestWithoutATokenGetsTheGatewaysMessageShapeWithTheReasonAndTheChallenge() throws Exception {
        for (RealGateway gateway : gateways.both()) {
            Reply reply = gateways.get(gateway, roles.prefix() + UUID.randomUUID());

            assertRefused(reply, ReasonCode.MISSING_TOKEN, "Unauthorized", ROLES_REALM);
        }
    }

    @Test
    void aForgedSignatureGetsTheGatewaysMessageShapeWithTheReasonAndTheChallenge() throws Exception {
        String forged = token(keyB, keyA.getKeyId(), REALM_A, claims("reader", List.of("order-reader")));
        for (RealGateway gateway : gateways.both()) {
            Reply reply = gateways.bearer(gateway, roles.prefix() + UUID.randomUUID(), forged);

            assertRefused(reply, ReasonCode.BAD_SIGNATURE, "Unauthorized", ROLES_REALM);
        }
    }

    @Test
    void aTokenWithoutTheClientRoleInResourceAccessIsForbiddenInTheGatewaysMessageShape() throws Exception {
        String token = token(keyA, REALM_A, claims("viewer", List.of("order-viewer")));
        for (RealGateway gateway : gateways.both()) {
            String target = roles.prefix() + UUID.randomUUID();
            Reply reply = gateways.bearer(gateway, target, token);

            assertRefused(reply, ReasonCode.INSUFFICIENT_SCOPE, "Forbidden", ROLES_REALM);
            assertThat(gateways.upstream().received(target)).as(gateway.name()).isEmpty();
        }
    }

    @Test
    void aTokenWithoutRealmAccessLacksTheRequiredNestedClaim() throws Exception {
        Map<String, Object> claims = claims("no-realm-roles", List.of("order-reader"));
        claims.remove("realm_access");
        String token = token(keyA, REALM_A, claims);
        for (RealGateway gateway : gateways.both()) {
            Reply reply = gateways.bearer(gateway, roles.prefix() + UUID.randomUUID(), token);

            assertRefused(reply, ReasonCode.MISSING_CLAIM, "Unauthorized", ROLES_REALM);
        }
    }

    @Test
    void aTokenWithoutTheClaimWhoseNameHoldsDotsLacksARequiredClaim() throws Exception {
        Map<String, Object> claims = claims("no-tenant", List.of("order-reader"));
        claims.remove(TENANT_CLAIM);
        claims.put("https://acme", Map.of("example/tenant", "acme")); // what the unescaped path would have read
        String token = token(keyA, REALM_A, claims);
        for (RealGateway gateway : gateways.both()) {
            Reply reply = gateways.bearer(gateway, roles.prefix() + UUID.randomUUID(), token);

            assertRefused(reply, ReasonCode.MISSING_CLAIM, "Unauthorized", ROLES_REALM);
        }
    }

    @Test
    void aTokenWithTheClientRolePassesAndItsNestedClaimsReachTheUpstream() {
        String subject = "reader-" + UUID.randomUUID();
        String token = token(keyA, REALM_A, claims(subject, List.of("order-reader", "order-writer")));
        for (RealGateway gateway : gateways.both()) {
            EchoUpstream.Received received = gateways.upstreamOf(gateway, roles, token, "X-Tenant", "forged-by-client");

            assertThat(received.values("X-User-Id")).as(gateway.name()).containsExactly(subject);
            assertThat(received.values("X-Realm-Roles")).as(gateway.name()).containsExactly("offline_access,order-admin");
            assertThat(received.values("X-Client-Roles")).as(gateway.name()).containsExactly("order-reader,order-writer");
            assertThat(received.values("X-Tenant")).as(gateway.name() + ": the claim whose name holds dots")
                    .containsExactly("acme");
        }
    }

    @Test
    void eachIssuerOfTheRoutePassesWithItsOwnKeys() {
        String fromA = token(keyA, REALM_A, claims("user-a", List.of()));
        String fromB = token(keyB, REALM_B, claims("user-b", List.of()));
        for (RealGateway gateway : gateways.both()) {
            assertThat(gateways.upstreamOf(gateway, issuers, fromA).values("X-Issuer")).as(gateway.name()).containsExactly(REALM_A);
            assertThat(gateways.upstreamOf(gateway, issuers, fromB).values("X-Issuer")).as(gateway.name()).containsExactly(REALM_B);
        }
    }

    @Test
    void aTokenClaimingOneIssuerIsRefusedWhenItsKeyComesFromTheOtherIssuersSet() throws Exception {
        String claimsBSignedByA = token(keyA, REALM_B, claims("mallory", List.of()));
        String claimsASignedByB = token(keyB, REALM_A, claims("mallory", List.of()));
        for (RealGateway gateway : gateways.both()) {
            for (String token : List.of(claimsBSignedByA, claimsASignedByB)) {
                String target = issuers.prefix() + UUID.randomUUID();
                Reply reply = gateways.bearer(gateway, target, token);

                assertRefused(reply, ReasonCode.UNKNOWN_KEY, "Unauthorized", null);
                assertThat(gateways.upstream().received(target)).as(gateway.name()).isEmpty();
            }
        }
    }

    @Test
    void anIssuerTheRouteDoesNotTrustIsRefusedAsUnknownIssuer() throws Exception {
        String token = token(keyA, "https://keycloak.example/realms/tenant-c", claims("stranger", List.of()));
        for (RealGateway gateway : gateways.both()) {
            Reply reply = gateways.bearer(gateway, issuers.prefix() + UUID.randomUUID(), token);

            assertRefused(reply, ReasonCode.UNKNOWN_ISSUER, "Unauthorized", null);
        }
    }

    /**
     * The refusal as the client sees it: the core's status, the gateways' {@code {"message": …}} with the reason beside
     * it and nothing else, JSON, and the core's challenge with the route's {@code realm} (null: none set).
     */
    private static void assertRefused(Reply reply, ReasonCode reason, String message, String realm) throws IOException {
        HttpRejection expected = HttpRejection.of(reason, realm);
        JsonNode body = RealGateway.JSON.readTree(reply.body());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(expected.status());
        assertThat(body.size()).as(reply.toString()).isEqualTo(2);
        assertThat(body.path("message").asText()).as(reply.toString()).isEqualTo(message);
        assertThat(body.path("reason").asText()).as(reply.toString()).isEqualTo(reason.code());
        assertThat(reply.header("content-type")).as(reply.toString()).contains("application/json");
        assertThat(reply.headers().get("www-authenticate")).as(reply.toString()).containsExactly(expected.wwwAuthenticate());
    }

    /** Claims as a Keycloak access token carries them, with the client roles given. */
    private static Map<String, Object> claims(String subject, List<String> clientRoles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("azp", CLIENT);
        claims.put("realm_access", Map.of("roles", List.of("offline_access", "order-admin")));
        claims.put("resource_access", Map.of(CLIENT, Map.of("roles", clientRoles), "account", Map.of("roles", List.of("view-profile"))));
        claims.put(TENANT_CLAIM, "acme");
        return claims;
    }

    private static String token(RsaJsonWebKey key, String issuer, Map<String, Object> claims) {
        return token(key, key.getKeyId(), issuer, claims);
    }

    private static String token(RsaJsonWebKey key, String kid, String issuer, Map<String, Object> claims) {
        JwtClaims jwt = new JwtClaims();
        jwt.setIssuer(issuer);
        jwt.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 300));
        jwt.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        claims.forEach(jwt::setClaim);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(jwt.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setHeader("typ", "JWT");
        jws.setKey(key.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RsaJsonWebKey key(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
