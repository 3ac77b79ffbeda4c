package dev.jwkgate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import dev.jwkgate.keycloak.it.Poll;
import dev.jwkgate.keycloak.it.SharedKeycloak;
import dev.jwkgate.keycloak.it.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A key disabled in Keycloak: its tokens are refused by both gateways within the key-set cache lifetime. */
@ExtendWith({SharedKeycloak.class, SharedGateways.class})
class RevocationIT {

    /** The configured bound: the key set is refetched before this lifetime ends (at 75–85 % of it). */
    private static final int KEY_SET_TTL_SECONDS = 4;
    /** Slack for one fetch and for scheduling on a loaded two-core machine. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private final AdminApi admin;
    private final Gateways gateways;
    private final RealmFixture realm;

    RevocationIT(AdminApi admin, KeycloakServer keycloak, Gateways gateways) {
        this.admin = admin;
        this.gateways = gateways;
        this.realm = RealmFixture.create(admin, keycloak, "e2e-revoke", "RS256", 300);
    }

    @Test
    void tokensOfAKeyDisabledInKeycloakAreRefusedByBothGatewaysWithinTheKeySetLifetime() {
        Policy policy = realm.policy().set("cache_default_ttl_seconds", KEY_SET_TTL_SECONDS).set("cache_min_ttl_seconds", 1);
        // a second signing key, as a realm in production has one, so the set stays usable without the first
        assertThat(admin.addKeyProvider(realm.name(), "second", "rsa-generated", Map.of("priority", "50")).status())
                .isEqualTo(201);
        String token = realm.token();
        assertThat(gateways.apisix(policy, token).status()).isEqualTo(200);
        assertThat(gateways.kong(policy, token).status()).isEqualTo(200);
        String provider = admin.keys(realm.name()).stream().filter(k -> Tokens.kid(token).equals(k.get("kid")))
                .map(k -> (String) k.get("providerId")).findFirst().orElseThrow();

        assertThat(admin.updateComponent(realm.name(), provider, Map.of("enabled", "false")).status()).isEqualTo(204);
        Instant disabled = Instant.now();

        Duration bound = Duration.ofSeconds(KEY_SET_TTL_SECONDS).plus(SLACK);
        Answer apisix = refusedWithin(bound, t -> gateways.apisix(policy, t), token, "APISIX");
        Duration apisixTook = Duration.between(disabled, Instant.now());
        Answer kong = refusedWithin(bound, t -> gateways.kong(policy, t), token, "Kong");
        Duration kongTook = Duration.between(disabled, Instant.now());

        System.out.printf("key disabled in Keycloak: refused by APISIX after %d ms, by Kong after %d ms (%s)%n",
                apisixTook.toMillis(), kongTook.toMillis(), apisix.verdict());
        assertThat(apisix.status()).isEqualTo(401);
        assertThat(kong.verdict()).isEqualTo(apisix.verdict());
        assertThat(kongTook).isLessThanOrEqualTo(bound);
    }

    private static Answer refusedWithin(Duration bound, Function<String, Answer> gateway, String token, String name) {
        return Poll.until(name + " refusing the disabled key's token", bound, () -> {
            Answer answer = gateway.apply(token);
            return answer.status() == 200 ? Optional.empty() : Optional.of(answer);
        });
    }
}
