package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.it.e2e.Policy;
import dev.jwkgate.result.ReasonCode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CORS preflights and APISIX's route guard through the real APISIX 3.18 and the real Kong 3.9.1 (issue 16 item 5):
 * with {@code run_on_preflight: false} only a real preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) passes without a token, and even then without a client's copy of a forwarded
 * header; any other {@code OPTIONS} needs a token. On APISIX a route conf that names a filter the runner does not have,
 * or names jwkgate twice, is answered 500 and never reaches the upstream.
 */
@RequiresRealGateways
@ExtendWith(SharedRealGateways.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreflightAndRouteGuardThroughRealGatewaysIT {

    private static final String ISSUER = "https://keycloak.example/realms/preflight";
    private static final String ORIGIN = "https://app.example";

    private final RealGateways gateways;
    private Route skipsPreflight;
    private Route runsOnPreflight;
    private Route misspelledFilter;
    private Route filterTwice;

    PreflightAndRouteGuardThroughRealGatewaysIT(RealGateways gateways) {
        this.gateways = gateways;
    }

    @BeforeAll
    void deployTheRoutes() throws JoseException {
        String jwks = new JsonWebKeySet(RsaJwkGenerator.generateJwk(2048)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        Policy policy = Policy.of(Map.of("issuer", ISSUER, "jwks", jwks, "forward_claims", Map.of("sub", "X-User-Id")));
        skipsPreflight = Route.jwkgate("preflight-skipped", policy.copy().set("run_on_preflight", false));
        runsOnPreflight = Route.jwkgate("preflight-checked", policy.copy().set("run_on_preflight", true));
        misspelledFilter = Route.open("guard-misspelled").withApisixPlugin("ext-plugin-pre-req", Map.of(
                "conf", List.of(Map.of("name", "jwkgat", "value", policy.apisixConf()))));
        filterTwice = Route.open("guard-twice").withApisixPlugin("ext-plugin-pre-req", Map.of(
                "conf", List.of(Map.of("name", "jwkgate", "value", policy.apisixConf()),
                        Map.of("name", "jwkgate", "value", policy.copy().set("run_on_preflight", false).apisixConf()))));
        gateways.register(List.of(skipsPreflight, runsOnPreflight), List.of(misspelledFilter, filterTwice));
    }

    @Test
    void aCorsPreflightPassesWithoutATokenWhenRunOnPreflightIsFalse() {
        for (RealGateway gateway : gateways.both()) {
            String target = skipsPreflight.prefix() + UUID.randomUUID();
            Reply reply = gateways.send(gateway, "OPTIONS", target, "Origin", ORIGIN, "Access-Control-Request-Method", "POST");

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(gateways.upstream().received(target)).as(gateway.name()).isPresent();
        }
    }

    @Test
    void aCorsPreflightLetThroughLosesTheClientsCopyOfAForwardedHeader() {
        for (RealGateway gateway : gateways.both()) {
            String target = skipsPreflight.prefix() + UUID.randomUUID();
            Reply reply = gateways.send(gateway, "OPTIONS", target, "Origin", ORIGIN, "Access-Control-Request-Method", "POST",
                    "X-User-Id", "admin", "X_User_Id", "admin");

            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            EchoUpstream.Received received = gateways.upstream().received(target).orElseThrow();
            assertThat(received.values("x-user-id")).as(gateway.name()).isEmpty();
            assertThat(received.values("x_user_id")).as(gateway.name()).isEmpty();
        }
    }

    @Test
    void anOptionsRequestThatIsNoCorsPreflightStillNeedsAToken() {
        for (RealGateway gateway : gateways.both()) {
            String target = skipsPreflight.prefix() + UUID.randomUUID();
            Reply reply = gateways.send(gateway, "OPTIONS", target, "Origin", ORIGIN);

            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.reason()).isEqualTo(ReasonCode.MISSING_TOKEN.code());
            assertThat(gateways.upstream().received(target)).as(gateway.name()).isEmpty();
        }
    }

    @Test
    void aCorsPreflightNeedsATokenWhenRunOnPreflightIsTrue() {
        for (RealGateway gateway : gateways.both()) {
            String target = runsOnPreflight.prefix() + UUID.randomUUID();
            Reply reply = gateways.send(gateway, "OPTIONS", target, "Origin", ORIGIN, "Access-Control-Request-Method", "POST");

            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.reason()).isEqualTo(ReasonCode.MISSING_TOKEN.code());
            assertThat(gateways.upstream().received(target)).as(gateway.name()).isEmpty();
        }
    }

    @Test
    void apisixRefusesARouteConfNamingAFilterTheRunnerDoesNotHave() {
        String target = misspelledFilter.prefix() + UUID.randomUUID();
        Reply reply = gateways.get(gateways.apisix(), target);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        assertThat(gateways.upstream().received(target)).isEmpty();
    }

    @Test
    void apisixRefusesARouteConfNamingJwkgateTwice() {
        String target = filterTwice.prefix() + UUID.randomUUID();
        Reply reply = gateways.get(gateways.apisix(), target);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        assertThat(gateways.upstream().received(target)).isEmpty();
    }
}
