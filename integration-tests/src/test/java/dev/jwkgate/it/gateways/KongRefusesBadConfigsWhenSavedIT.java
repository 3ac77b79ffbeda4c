package dev.jwkgate.it.gateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwkgate.config.ConfigProfile;
import dev.jwkgate.config.JwkGateConfig;
import dev.jwkgate.config.KongPluginConfig;
import dev.jwkgate.it.e2e.Policy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configurations breaking a rule between settings ({@code JwkGateConfig.RULES}) are refused by the real Kong 3.9.1
 * where they are saved — the Admin API's schema check and a DB-less {@code POST /config} — with Kong's message naming
 * the fields, through the entity checks of the schema the plugin server's {@code -dump} hands Kong; the core refuses
 * each of them too. And Kong's own vault references ({@code {vault://env/…}}) in the plugin's {@code referenceable}
 * fields are resolved by Kong before the plugin server gets the configuration.
 */
@RequiresRealGateways
@ExtendWith(SharedRealGateways.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KongRefusesBadConfigsWhenSavedIT {

    /** Set for the test JVM, and so for the Kong it starts, by the failsafe configuration (integration-tests/pom.xml). */
    private static final String VAULT_VARIABLE = "JWKGATE_IT_VAULT_HMAC_SECRET";
    private static final String ISSUER = "https://idp.example/realms/vault";

    private final RealGateways gateways;

    KongRefusesBadConfigsWhenSavedIT(RealGateways gateways) {
        this.gateways = gateways;
    }

    /** A configuration breaking one rule, and what Kong's answer names. */
    static Stream<Arguments> configurationsBreakingARule() {
        return Stream.of(
                Arguments.of("no key source", config(), List.of(
                        "one key source is required: config.discovery = true, or one of 'config.jwks_uri', 'config.jwks', "
                                + "'config.jwks_file', 'config.hmac_secrets'")),
                Arguments.of("two key sources", config("jwks_uri", "https://idp.example/jwks", "jwks", "{\"keys\":[]}"), List.of(
                        "only one or none of these fields must be set: 'config.jwks_uri', 'config.jwks', 'config.jwks_file', "
                                + "'config.hmac_secrets'")),
                Arguments.of("discovery and a JWKS URL", config("discovery", true, "jwks_uri", "https://idp.example/jwks"), List.of(
                        "only one key source may be set: config.discovery = true, and config.jwks_uri",
                        "config.jwks_uri: value must be null")),
                Arguments.of("discovery and HMAC secrets", config("discovery", true, "hmac_secrets", Map.of("k1", secret())), List.of(
                        "only one key source may be set: config.discovery = true, and config.hmac_secrets",
                        "config.hmac_secrets: length must be 0")),
                Arguments.of("additional issuers with HMAC secrets", config("hmac_secrets", Map.of("k1", secret()),
                        "algorithms", List.of("HS256"), "additional_issuers", Map.of("https://other.example", "discovery")), List.of(
                        "only one or none of these fields must be set: 'config.additional_issuers', 'config.hmac_secrets'")),
                Arguments.of("a trust store password without its store", config("discovery", true, "trust_store_password", "x"), List.of(
                        "failed conditional validation given value of field 'config.trust_store_password'",
                        "config.trust_store_file: required field missing")),
                Arguments.of("a client key store password without its store", config("discovery", true,
                        "client_key_store_password", "x"), List.of(
                        "failed conditional validation given value of field 'config.client_key_store_password'",
                        "config.client_key_store_file: required field missing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurationsBreakingARule")
    void kongsAdminApiRefusesAConfigurationBreakingARuleNamingItsFields(String rule, Map<String, Object> config,
                                                                       List<String> kongSays) throws Exception {
        HttpResponse<String> refused = gateways.kong().validatePlugin("jwkgate", config);
        System.out.println(rule + ": Kong answers " + refused.statusCode() + " " + refused.body());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(RealGateway.JSON.readTree(refused.body()).path("message").asText()).contains(kongSays);
        // the core refuses it too, when the instance starts or in check-config
        assertThatThrownBy(() -> JwkGateConfig.fromMap(KongPluginConfig.toCore(config), ConfigProfile.GATEWAY))
                .as(rule).hasMessageContaining("invalid jwkgate configuration");
    }

    @Test
    void oneKeySourceWithEverythingItNeedsPassesKongsCheck() throws Exception {
        HttpResponse<String> accepted = gateways.kong().validatePlugin("jwkgate", config("discovery", true,
                "trust_store_file", "/etc/jwkgate/trust.p12", "trust_store_password", "x",
                "forward_claims", Map.of("realm_access.roles", "X-Roles"),
                "additional_issuers", Map.of("https://other.example", "discovery")));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    }

    @Test
    void aDeclarativeConfigurationBreakingARuleIsRefusedWholeAtPostConfigAndTheRunningOneStays() throws Exception {
        Route kept = Route.open("saved-kept");
        gateways.register(kept);
        Map<String, Object> declarative = RealGateway.map("_format_version", "3.0", "services", List.of(RealGateway.map(
                "name", "refused", "url", "http://127.0.0.1:" + gateways.upstream().port(),
                "routes", List.of(RealGateway.map("name", "refused", "paths", List.of("/refused"),
                        "plugins", List.of(RealGateway.map("name", "jwkgate", "config",
                                config("jwks_uri", "https://idp.example/jwks", "discovery", true))))))));

        HttpResponse<String> refused = gateways.kong().postConfig(RealGateway.json(declarative));
        System.out.println("POST /config with a rule broken: " + refused.statusCode() + " " + refused.body());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("only one key source may be set: config.discovery = true, and config.jwks_uri",
                "value must be null");
        assertThat(gateways.get(gateways.kong(), kept.prefix() + UUID.randomUUID()).status())
                .as("the configuration Kong runs is unchanged").isEqualTo(200);
    }

    @Test
    void kongResolvesAVaultReferenceInASecretFieldBeforeThePluginServerSeesIt() throws Exception {
        String secret = System.getenv(VAULT_VARIABLE);
        assertThat(secret).as(VAULT_VARIABLE + " is set by integration-tests/pom.xml's failsafe configuration").isNotBlank();
        Route route = Route.jwkgate("vault-hmac", Policy.of(Map.of("issuer", ISSUER, "algorithms", List.of("HS256"),
                "hmac_secrets", Map.of("k1", "{vault://env/" + VAULT_VARIABLE.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "}"))));
        gateways.register(route);

        Reply passed = gateways.bearer(gateways.kong(), route.prefix() + UUID.randomUUID(), hs256(secret, "k1"));
        Reply forged = gateways.bearer(gateways.kong(), route.prefix() + UUID.randomUUID(),
                hs256(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]), "k1"));
        JsonNode stored = RealGateway.JSON.readTree(gateways.kong().adminGet("/plugins").body());

        assertThat(passed.status()).as(passed.toString()).isEqualTo(200);
        assertThat(forged.status()).as(forged.toString()).isEqualTo(401);
        assertThat(forged.reason()).isEqualTo("bad_signature");
        assertThat(stored.toString()).as("Kong keeps the reference, not the secret").contains("{vault://env/")
                .doesNotContain(secret);
    }

    @Test
    void aVaultReferenceKongCannotResolveFailsClosed() {
        Route route = Route.jwkgate("vault-unset", Policy.of(Map.of("issuer", ISSUER, "algorithms", List.of("HS256"),
                "hmac_secrets", Map.of("k1", "{vault://env/jwkgate-it-never-set}"))));
        gateways.register(route);

        Reply reply = gateways.bearer(gateways.kong(), route.prefix() + UUID.randomUUID(),
                hs256(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]), "k1"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        assertThat(reply.reason()).isEqualTo("internal_error");
    }

    @Test
    void kongsAdminApiRefusesAnIntegerOutsideTheCoresRange() throws Exception {
        HttpResponse<String> refused = gateways.kong().validatePlugin("jwkgate", config("discovery", true,
                "clock_skew_seconds", 900));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(RealGateway.JSON.readTree(refused.body()).path("fields").path("config").path("clock_skew_seconds").asText())
                .isEqualTo("value should be between 0 and 300");
    }

    @Test
    void jwkgatesOwnEnvReferenceOnKongSeesThePluginServersEnvironmentWhichLacksKongsVariables() {
        // the same variable Kong's env vault resolves above: Kong starts the plugin server from an nginx worker,
        // whose environment nginx has emptied, so the server cannot read it and refuses the configuration
        assertThat(System.getenv(VAULT_VARIABLE)).isNotBlank();
        Route route = Route.jwkgate("env-on-kong", Policy.of(Map.of("issuer", ISSUER, "algorithms", List.of("HS256"),
                "hmac_secrets", Map.of("k1", "${env:" + VAULT_VARIABLE + "}"))));
        gateways.register(route);

        Reply reply = gateways.bearer(gateways.kong(), route.prefix() + UUID.randomUUID(), hs256(System.getenv(VAULT_VARIABLE), "k1"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        assertThat(reply.reason()).isEqualTo("internal_error");
    }

    private static Map<String, Object> config(Object... settingsAndValues) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", ISSUER);
        for (int i = 0; i < settingsAndValues.length; i += 2) {
            config.put((String) settingsAndValues[i], settingsAndValues[i + 1]);
        }
        return config;
    }

    /** A well-formed HMAC secret that is in no running configuration. */
    private static String secret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String base64UrlSecret, String kid) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(ISSUER);
            claims.setSubject("vault-user");
            claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(Instant.now().getEpochSecond() + 300));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKeyIdHeaderValue(kid);
            jws.setKey(new HmacKey(Base64.getUrlDecoder().decode(base64UrlSecret)));
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
