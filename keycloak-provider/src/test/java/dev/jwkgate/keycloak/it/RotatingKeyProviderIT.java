package dev.jwkgate.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.result.ValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rotating provider in a real Keycloak 26.5.6: admin REST API, tokens, certs, core verification, a full cycle. */
@ExtendWith(SharedKeycloak.class)
class RotatingKeyProviderIT {

    private static final String PROVIDER = "jwkgate-rotating";
    private static final String CLIENT = "svc";
    private static final String SECRET = "svc-secret-for-tests";

    private final AdminApi admin;
    private final KeycloakServer keycloak;

    RotatingKeyProviderIT(AdminApi admin, KeycloakServer keycloak) {
        this.admin = admin;
        this.keycloak = keycloak;
    }

    @Test
    @SuppressWarnings("unchecked")
    void keycloakListsTheProviderWithItsSettings() {
        List<Map<String, Object>> types = (List<Map<String, Object>>) ((Map<String, Object>) admin.serverInfo()
                .get("componentTypes")).get("org.keycloak.keys.KeyProvider");
        Map<String, Object> ours = types.stream().filter(t -> PROVIDER.equals(t.get("id"))).findFirst().orElseThrow();
        assertThat(((List<Map<String, Object>>) ours.get("properties")).stream().map(p -> p.get("name")))
                .containsExactly("priority", "enabled", "active", "algorithm", "rotationPeriod", "prePublicationLead",
                        "retirementGrace", "rotateNow", "keyEncryptionKey", "resetUnreadableState", "keySchedule");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"})
    void signsClientCredentialsTokensThatVerifyAgainstTheRealmsJwks(String algorithm) {
        String realm = "rotating-" + algorithm.toLowerCase(Locale.ROOT);
        String id = realmWithRotatingProvider(realm, algorithm, 300, Map.of());

        String kid = activeKid(realm, id);
        String token = admin.clientCredentialsToken(realm, CLIENT, SECRET);

        assertThat(Tokens.kid(token)).isEqualTo(kid);
        assertThat(Tokens.alg(token)).isEqualTo(algorithm);
        assertThat(admin.certs(realm)).anySatisfy(jwk -> {
            assertThat(jwk.get("kid")).isEqualTo(kid);
            assertThat(jwk.get("alg")).isEqualTo(algorithm);
            assertThat(jwk).doesNotContainKeys("d", "p", "q");
        });
        ValidationResult result = CoreVerifier.verify(keycloak.issuer(realm), token);
        assertThat(result.isValid()).as(result.toString()).isTrue();
        assertThat(result.token().keyId()).isEqualTo(kid);
    }

    @Test
    void runsAFullRotationCycleOnASecondsSchedule() {
        String realm = "rotating-cycle";
        String id = realmWithRotatingProvider(realm, "ES256", 15,
                Map.of("rotationPeriod", "15s", "prePublicationLead", "6s", "retirementGrace", "15s"));
        String first = activeKid(realm, id);
        String firstToken = admin.clientCredentialsToken(realm, CLIENT, SECRET);
        assertThat(Tokens.kid(firstToken)).isEqualTo(first);

        // published: the successor is in the JWKS while the first key still signs
        String next = Poll.until("a successor in the JWKS", Duration.ofSeconds(30),
                () -> admin.certKids(realm).stream().filter(k -> !k.equals(first) && ourKids(realm, id).contains(k)).findFirst());
        Instant publishedSeen = Instant.now();
        assertThat(Tokens.kid(admin.clientCredentialsToken(realm, CLIENT, SECRET))).isEqualTo(first);
        assertThat(statusOf(realm, next)).isEqualTo("PASSIVE");

        // active: the successor signs, not before it has been in the JWKS for the lead
        String secondToken = Poll.until("the successor signing", Duration.ofSeconds(20), () -> {
            String t = admin.clientCredentialsToken(realm, CLIENT, SECRET);
            return next.equals(Tokens.kid(t)) ? Optional.of(t) : Optional.empty();
        });
        assertThat(Duration.between(publishedSeen, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(4));

        // retired: the first key is still published and its token still verifies with the core
        assertThat(admin.certKids(realm)).contains(first, next);
        assertThat(statusOf(realm, first)).isEqualTo("PASSIVE");
        ValidationResult old = CoreVerifier.verify(keycloak.issuer(realm), firstToken);
        assertThat(old.isValid()).as(old.toString()).isTrue();
        assertThat(old.token().keyId()).isEqualTo(first);
        ValidationResult current = CoreVerifier.verify(keycloak.issuer(realm), secondToken);
        assertThat(current.isValid()).as(current.toString()).isTrue();

        // removed: after the grace the first key leaves the JWKS
        Poll.until("the retired key removed", Duration.ofSeconds(30),
                () -> admin.certKids(realm).contains(first) ? Optional.empty() : Optional.of(true));
        assertThat(keycloak.log()).contains(
                "event=PUBLISHED kid=" + next, "event=ACTIVATED kid=" + next,
                "event=RETIRED kid=" + first, "event=REMOVED kid=" + first);
    }

    @Test
    void anEarlyRotationPublishesAtOnceAndSignsOnlyAfterTheLead() {
        String realm = "rotating-early";
        String id = realmWithRotatingProvider(realm, "EdDSA", 300, Map.of("prePublicationLead", "8s"));
        String first = activeKid(realm, id);

        Instant asked = Instant.now();
        assertThat(admin.updateComponent(realm, id, Map.of("rotateNow", "true")).status()).isEqualTo(204);

        List<String> ours = ourKids(realm, id);
        assertThat(ours).hasSize(2);
        String next = ours.stream().filter(k -> !k.equals(first)).findFirst().orElseThrow();
        assertThat(admin.certKids(realm)).contains(next);
        assertThat(Tokens.kid(admin.clientCredentialsToken(realm, CLIENT, SECRET))).isEqualTo(first);
        assertThat(admin.component(realm, id)).extractingByKey("config").asString().contains("rotateNow=[false]");

        Poll.until("the early successor signing", Duration.ofSeconds(30),
                () -> next.equals(Tokens.kid(admin.clientCredentialsToken(realm, CLIENT, SECRET))) ? Optional.of(true) : Optional.empty());
        assertThat(Duration.between(asked, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aGraceShorterThanTheRealmsTokenLifespanIsRefusedWith400() {
        String realm = "rotating-refused";
        admin.createRealm(realm, "ES256", 600);
        AdminApi.Response response = admin.addKeyProvider(realm, "rotating", PROVIDER,
                Map.of("algorithm", "ES256", "retirementGrace", "60s"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errorMessage")).asString()
                .contains("'Retirement grace' (1m) is shorter than the longest token lifespan of realm rotating-refused (10m)");
    }

    @Test
    void theStoredKeysNeverLeaveThroughTheAdminApi() {
        String realm = "rotating-private";
        String id = realmWithRotatingProvider(realm, "RS256", 300, Map.of());
        Map<String, Object> component = admin.component(realm, id);
        assertThat(component.get("config")).asString().doesNotContain("jwkgate.rotation.state", "private", "MII");
    }

    @Test
    void rsaKeysCarryASelfSignedCertificateForTheRealmInTheCertsEndpointAndTheSamlDescriptor() throws Exception {
        String realm = "rotating-certificate";
        String id = realmWithRotatingProvider(realm, "RS256", 300, Map.of());
        String kid = activeKid(realm, id);
        Map<String, Object> jwk = admin.certs(realm).stream().filter(k -> kid.equals(k.get("kid"))).findFirst().orElseThrow();
        String x5c = (String) ((List<?>) jwk.get("x5c")).get(0);
        java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(x5c)));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + realm);
        cert.verify(cert.getPublicKey());
        assertThat(dev.jwkgate.keys.JwkThumbprint.of(cert.getPublicKey())).as("the certificate is for this key").isEqualTo(kid);
        // the 30d period, 2d lead and 1d automatic grace, twice over: covers the key's planned life with room for a slip
        assertThat(cert.getNotAfter().toInstant()).isAfter(java.time.Instant.now().plus(Duration.ofDays(60)));
        // SAML clients (service providers) read the realm's signing certificates from its IdP descriptor
        assertThat(admin.samlDescriptor(realm)).contains(x5c);
    }

    @Test
    void theKeyScheduleShowsEachKeysPhaseAndThePlannedNextTransition() {
        String realm = "rotating-schedule";
        String id = realmWithRotatingProvider(realm, "ES256", 300, Map.of("rotationPeriod", "30d", "prePublicationLead", "2d"));
        String kid = activeKid(realm, id);
        String schedule = ((Map<?, ?>) admin.component(realm, id).get("config")).get("keySchedule").toString();
        assertThat(schedule).contains("Private keys at rest: UNENCRYPTED", "ACTIVE " + kid + " ES256 since ",
                "Next transition: successor PUBLISHED at ", "Revision 1");
    }

    // ---- helpers ----

    private String realmWithRotatingProvider(String realm, String algorithm, int tokenLifespan, Map<String, String> settings) {
        admin.createRealm(realm, algorithm, tokenLifespan);
        admin.createServiceClient(realm, CLIENT, SECRET);
        Map<String, String> config = new java.util.HashMap<>(Map.of("priority", "500", "algorithm", algorithm));
        config.putAll(settings);
        AdminApi.Response created = admin.addKeyProvider(realm, "rotating", PROVIDER, config);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.createdId();
    }

    private List<Map<String, Object>> ourKeys(String realm, String componentId) {
        return admin.keys(realm).stream().filter(k -> componentId.equals(k.get("providerId"))).collect(Collectors.toList());
    }

    private List<String> ourKids(String realm, String componentId) {
        return ourKeys(realm, componentId).stream().map(k -> (String) k.get("kid")).collect(Collectors.toList());
    }

    private String activeKid(String realm, String componentId) {
        List<Map<String, Object>> active = ourKeys(realm, componentId).stream()
                .filter(k -> "ACTIVE".equals(k.get("status"))).collect(Collectors.toList());
        assertThat(active).hasSize(1);
        return (String) active.get(0).get("kid");
    }

    private String statusOf(String realm, String kid) {
        return admin.keys(realm).stream().filter(k -> kid.equals(k.get("kid"))).map(k -> (String) k.get("status"))
                .findFirst().orElse("ABSENT");
    }
}
