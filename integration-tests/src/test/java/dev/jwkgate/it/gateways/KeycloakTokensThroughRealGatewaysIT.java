package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.it.e2e.RealmFixture;
import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import dev.jwkgate.keycloak.it.SharedKeycloak;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tokens from a real Keycloak's token endpoint through the real APISIX and the real Kong, both finding the realm's
 * keys through discovery: what the client gets, and the headers the upstream received (forwarded claims, client
 * copies of them replaced, the token stripped when configured).
 */
@RequiresRealGateways
@ExtendWith({SharedKeycloak.class, SharedRealGateways.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakTokensThroughRealGatewaysIT {

    private final RealGateways gateways;
    private final RealmFixture realm;
    private final Route stripping;
    private final Route keeping;

    KeycloakTokensThroughRealGatewaysIT(AdminApi admin, KeycloakServer keycloak, RealGateways gateways) {
        this.gateways = gateways;
        this.realm = RealmFixture.create(admin, keycloak, "gw-orders", "RS256", 300);
        this.stripping = Route.jwkgate("kc-orders", realm.policy().set("strip_token", true));
        this.keeping = Route.jwkgate("kc-orders-keep", realm.policy());
    }

    @BeforeAll
    void deployTheRealmsRoutes() {
        gateways.register(stripping, keeping);
    }

    @Test
    void aKeycloakTokenReachesTheUpstreamWithItsSubjectAndClientAndWithoutTheToken() {
        String token = realm.token();
        for (RealGateway gateway : gateways.both()) {
            EchoUpstream.Received received = gateways.upstreamOf(gateway, stripping, token);

            assertThat(received.values("X-User-Id")).as(gateway.name()).containsExactly(claim(token, "sub"));
            assertThat(received.values("X-Client-Id")).as(gateway.name()).containsExactly(RealmFixture.CLIENT);
            assertThat(received.values("Authorization")).as(gateway.name() + ": token stripped").isEmpty();
        }
    }

    @Test
    void theTokenGoesUpstreamWhenTheRouteDoesNotStripIt() {
        String token = realm.token();
        for (RealGateway gateway : gateways.both()) {
            EchoUpstream.Received received = gateways.upstreamOf(gateway, keeping, token);

            assertThat(received.values("Authorization")).as(gateway.name()).containsExactly("Bearer " + token);
            assertThat(received.values("X-User-Id")).as(gateway.name()).containsExactly(claim(token, "sub"));
        }
    }

    @Test
    void clientSentCopiesOfTheForwardedHeadersNeverReachTheUpstream() {
        String token = realm.token();
        for (RealGateway gateway : gateways.both()) {
            EchoUpstream.Received received = gateways.upstreamOf(gateway, stripping, token,
                    "X-User-Id", "attacker", "x-user-id", "attacker-lower", "X-USER-ID", "attacker-upper",
                    "X-Client-Id", "admin-client");

            assertThat(received.values("X-User-Id")).as(gateway.name()).containsExactly(claim(token, "sub"));
            assertThat(received.values("X-Client-Id")).as(gateway.name()).containsExactly(RealmFixture.CLIENT);
        }
    }

    /**
     * Both gateways pass header names with underscores upstream (nginx {@code underscores_in_headers on} in APISIX's
     * and Kong's templates), and an upstream that reads headers CGI-style ({@code HTTP_X_USER_ID}) takes
     * {@code X_User_Id} for the forwarded {@code X-User-Id}: jwkgate removes every such spelling a client sends.
     */
    @Test
    void clientSentUnderscoreSpellingsOfAForwardedHeaderNeverReachTheUpstream() {
        String token = realm.token();
        for (RealGateway gateway : gateways.both()) {
            EchoUpstream.Received received = gateways.upstreamOf(gateway, stripping, token,
                    "X_User_Id", "attacker-underscore", "x_user-id", "attacker-mixed", "X_CLIENT_ID", "admin-client");

            List<String> cgiUserIds = received.headers().stream()
                    .filter(h -> h.getKey().replace('_', '-').equalsIgnoreCase("X-User-Id")).map(Map.Entry::getValue).toList();
            List<String> cgiClientIds = received.headers().stream()
                    .filter(h -> h.getKey().replace('_', '-').equalsIgnoreCase("X-Client-Id")).map(Map.Entry::getValue).toList();
            assertThat(cgiUserIds).as(gateway.name() + ": " + received.names()).containsExactly(claim(token, "sub"));
            assertThat(cgiClientIds).as(gateway.name() + ": " + received.names()).containsExactly(RealmFixture.CLIENT);
        }
    }

    @Test
    void aTokenOfAClientTheRouteDoesNotAdmitIsForbiddenAndNeverReachesTheUpstream() {
        String other = realm.tokenOf(RealmFixture.OTHER_CLIENT);
        for (RealGateway gateway : gateways.both()) {
            String path = stripping.prefix() + UUID.randomUUID();
            Reply reply = gateways.bearer(gateway, path, other);

            assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
            assertThat(reply.reason()).isEqualTo("insufficient_scope");
            assertThat(reply.wwwAuthenticate()).isEqualTo("Bearer error=\"insufficient_scope\"");
            assertThat(gateways.upstream().received(path)).isEmpty();
        }
    }

    @Test
    void aRequestWithoutATokenIsChallengedAndNeverReachesTheUpstream() {
        for (RealGateway gateway : gateways.both()) {
            String path = stripping.prefix() + UUID.randomUUID();
            Reply reply = gateways.get(gateway, path, "X-User-Id", "attacker");

            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.reason()).isEqualTo("missing_token");
            assertThat(reply.wwwAuthenticate()).isEqualTo("Bearer");
            assertThat(reply.body()).isEqualTo("{\"message\":\"Unauthorized\",\"reason\":\"missing_token\"}");
            assertThat(gateways.upstream().received(path)).isEmpty();
        }
    }

    private static String claim(String token, String name) {
        Map<String, Object> claims = AdminApi.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8));
        return (String) claims.get(name);
    }
}
