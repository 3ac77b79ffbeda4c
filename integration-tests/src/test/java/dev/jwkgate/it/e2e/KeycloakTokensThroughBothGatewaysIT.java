package dev.jwkgate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.KeycloakServer;
import dev.jwkgate.keycloak.it.SharedKeycloak;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tokens from a real Keycloak's token endpoint, checked by the real APISIX runner and the real Kong plugin
 * server, both finding the realm's JWKS through discovery from its issuer URL.
 */
@ExtendWith({SharedKeycloak.class, SharedGateways.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakTokensThroughBothGatewaysIT {

    private final Gateways gateways;
    private final RealmFixture realm;
    private final RealmFixture otherRealm;

    KeycloakTokensThroughBothGatewaysIT(AdminApi admin, KeycloakServer keycloak, Gateways gateways) {
        this.gateways = gateways;
        this.realm = RealmFixture.create(admin, keycloak, "e2e-orders", "RS256", 300);
        this.otherRealm = RealmFixture.create(admin, keycloak, "e2e-elsewhere", "ES256", 300);
    }

    @BeforeAll
    void bothGatewaysHaveLoadedTheRealmsKeys() {
        String token = realm.token();
        assertThat(gateways.apisix(realm.policy(), token).status()).isEqualTo(200);
        assertThat(gateways.kong(realm.policy(), token).status()).isEqualTo(200);
    }

    @Test
    void aValidKeycloakTokenIsAcceptedByBothGatewaysWithTheSameForwardedClaims() {
        String token = realm.token();
        Map<String, Object> claims = payload(token);

        Answer apisix = gateways.apisix(realm.policy(), token);
        Answer kong = gateways.kong(realm.policy(), token);

        assertThat(apisix.status()).as(apisix.toString()).isEqualTo(200);
        assertThat(kong.status()).as(kong.toString()).isEqualTo(200);
        assertThat(apisix.forwarded())
                .containsEntry("x-user-id", (String) claims.get("sub"))
                .containsEntry("x-client-id", RealmFixture.CLIENT)
                .isEqualTo(kong.forwarded());
    }

    @Test
    void everyTokenOfTheCorpusGetsTheSameStatusAndReasonFromBothGateways() {
        List<Case> corpus = corpus();
        List<String> verdicts = new ArrayList<>();
        for (Case c : corpus) {
            Answer apisix = gateways.apisix(realm.policy(), c.token());
            Answer kong = gateways.kong(realm.policy(), c.token());
            verdicts.add(c.name() + ": APISIX " + apisix.verdict() + " | Kong " + kong.verdict());
            assertThat(kong.verdict()).as("Kong and APISIX on " + c.name()).isEqualTo(apisix.verdict());
            assertThat(apisix.verdict()).as(c.name()).isEqualTo(c.expected());
        }
        System.out.println("differential corpus (" + corpus.size() + " tokens):\n  " + String.join("\n  ", verdicts));
        assertThat(verdicts).hasSize(corpus.size());
    }

    /** One token of the corpus (null: no token sent) and the verdict both gateways must give. */
    private record Case(String name, String token, String expected) {
    }

    /** Good and bad tokens, all from what Keycloak issued. */
    private List<Case> corpus() {
        String valid = realm.token();
        String[] parts = valid.split("\\.");
        String otherClient = realm.tokenOf(RealmFixture.OTHER_CLIENT);
        return List.of(
                new Case("valid", valid, "200 accepted"),
                new Case("another valid token", realm.token(), "200 accepted"),
                new Case("no token", null, "401 missing_token"),
                new Case("not a JWT", "not-a-jwt", "401 malformed"),
                new Case("empty signature", parts[0] + "." + parts[1] + ".", "401 bad_signature"),
                new Case("signature of another token", parts[0] + "." + parts[1] + "." + otherClient.split("\\.")[2],
                        "401 bad_signature"),
                new Case("client changed after signing",
                        parts[0] + "." + replaceMember(parts[1], "azp", "\"" + RealmFixture.OTHER_CLIENT + "\"") + "." + parts[2],
                        "401 bad_signature"),
                new Case("subject changed after signing",
                        parts[0] + "." + replaceMember(parts[1], "sub", "\"someone-else\"") + "." + parts[2], "401 bad_signature"),
                new Case("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".",
                        "401 unsupported_algorithm"),
                new Case("alg HS256 with the RSA key's kid", replaceMember(parts[0], "alg", "\"HS256\"") + "." + parts[1]
                        + "." + parts[2], "401 unsupported_algorithm"),
                new Case("unknown kid", replaceMember(parts[0], "kid", "\"no-such-key\"") + "." + parts[1] + "." + parts[2],
                        "401 unknown_key"),
                new Case("five segments (JWE)", valid + ".x.y", "401 encrypted_token"),
                new Case("token of a client the route does not admit", otherClient, "403 insufficient_scope"),
                new Case("token of another realm", otherRealm.token(), "401 unknown_key"),
                new Case("oversized", parts[0] + "." + b64("{\"pad\":\"" + "x".repeat(20_000) + "\"}") + "." + parts[2],
                        "401 too_large"));
    }

    static Map<String, Object> payload(String token) {
        return AdminApi.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** Re-encodes a JSON segment with one member's value replaced, the rest byte for byte unchanged. */
    private static String replaceMember(String segment, String member, String jsonValue) {
        String json = new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
        String changed = json.replaceFirst("\"" + member + "\"\\s*:\\s*(\"[^\"]*\"|[^,}]*)", "\"" + member + "\":" + jsonValue);
        assertThat(changed).as("member " + member + " replaced").isNotEqualTo(json);
        return b64(changed);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
