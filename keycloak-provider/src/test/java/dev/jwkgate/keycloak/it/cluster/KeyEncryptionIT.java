package dev.jwkgate.keycloak.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.keycloak.it.AdminApi;
import dev.jwkgate.keycloak.it.Poll;
import dev.jwkgate.keycloak.it.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rotated private keys encrypted at rest under a key-encryption key from Keycloak's file vault, on the
 * cluster's PostgreSQL: the stored row is read back with SQL, as an attacker with a database dump would.
 */
@ExtendWith(KeycloakCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyEncryptionIT {

    private static final String REALM = "cluster-kek";
    private static final String PLAIN_REALM = "cluster-plain";
    private static final String CLIENT = "svc";
    private static final String SECRET = "svc-secret-for-tests";
    private static final String KEK_1 = Base64.getEncoder().encodeToString(bytes(1));
    private static final String KEK_2 = Base64.getEncoder().encodeToString(bytes(2));
    private static final Pattern PRIVATE = Pattern.compile("\"private\":\"([^\"]*)\"");

    private final KeycloakCluster.Cluster cluster;
    private AdminApi admin;
    private String componentId;
    private String plainComponentId;
    private String activeKid;

    KeyEncryptionIT(KeycloakCluster.Cluster cluster) {
        this.cluster = cluster;
    }

    @BeforeAll
    void providersWithAndWithoutAKeyEncryptionKey() throws Exception {
        admin = cluster.admins.get(0);
        cluster.putVaultSecret(REALM, "kek", KEK_1);
        componentId = realmWithProvider(REALM, Map.of("keyEncryptionKey", "${vault.kek}"));
        plainComponentId = realmWithProvider(PLAIN_REALM, Map.of());
        activeKid = Tokens.kid(admin.clientCredentialsToken(REALM, CLIENT, SECRET));
    }

    @Test
    @Order(1)
    void theDatabaseRowHoldsNoPrivateKeyBytesWhenAKeyEncryptionKeyIsSet() {
        List<String> sealed = privateKeys(storedState(componentId));
        assertThat(sealed).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("aes256gcm:" + kekId(KEK_1) + ":"));
        // base64 PKCS#8 of an RSA key starts with MII; the public key and certificate in the row do too, the private ones not
        assertThat(storedState(componentId)).doesNotContain("\"private\":\"MII");
        // the same query on a provider without one finds the PKCS#8 key in the clear, as Keycloak's own providers store theirs
        assertThat(privateKeys(storedState(plainComponentId))).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("MII"));
        assertThat(admin.component(PLAIN_REALM, plainComponentId)).extractingByKey("config").asString()
                .contains("Private keys at rest: UNENCRYPTED");
        assertThat(admin.component(REALM, componentId)).extractingByKey("config").asString()
                .contains("encrypted with AES-256-GCM under key-encryption key " + kekId(KEK_1));
    }

    @Test
    @Order(2)
    void aWrongKeyEncryptionKeyFailsTheProviderLoudlyAndLosesNoStoredKey() throws Exception {
        String before = storedState(componentId);
        cluster.putVaultSecret(REALM, "kek", KEK_2);
        admin.updateRealm(REALM, Map.of("displayName", "wrong KEK")); // every node drops its cached keys

        String token = admin.clientCredentialsToken(REALM, CLIENT, SECRET);
        assertThat(Tokens.kid(token)).as("our provider serves nothing; Keycloak signs with the realm's other key").isNotEqualTo(activeKid);
        assertThat(cluster.nodes.get(0).log()).contains("serves no keys: the private key of")
                .contains("which the vault entry does not hold");
        AdminApi.Response save = admin.updateComponent(REALM, componentId, Map.of("priority", "501"));
        assertThat(save.status()).isEqualTo(400);
        assertThat(save.json().get("errorMessage")).asString().contains("which the vault entry does not hold");
        Thread.sleep(2_500); // two scheduled passes: they report the failure and must not write
        assertThat(storedState(componentId)).isEqualTo(before);

        cluster.putVaultSecret(REALM, "kek", KEK_1);
        admin.updateRealm(REALM, Map.of("displayName", "right KEK"));
        assertThat(Tokens.kid(admin.clientCredentialsToken(REALM, CLIENT, SECRET))).isEqualTo(activeKid);
    }

    @Test
    @Order(3)
    void aNewKeyEncryptionKeyPutFirstReEncryptsEveryStoredKeyOnTheNextPass() throws Exception {
        cluster.putVaultSecret(REALM, "kek", KEK_2 + " " + KEK_1);
        Poll.until("every private key re-encrypted under the new KEK", Duration.ofSeconds(30), () ->
                privateKeys(storedState(componentId)).stream().allMatch(p -> p.startsWith("aes256gcm:" + kekId(KEK_2) + ":"))
                        ? Optional.of(true) : Optional.empty());
        cluster.putVaultSecret(REALM, "kek", KEK_2); // the old KEK is no longer needed
        admin.updateRealm(REALM, Map.of("displayName", "new KEK only"));
        assertThat(Tokens.kid(cluster.admins.get(1).clientCredentialsToken(REALM, CLIENT, SECRET))).isEqualTo(activeKid);
    }

    private String realmWithProvider(String realm, Map<String, String> settings) {
        admin.createRealm(realm, "RS256", 30);
        admin.createServiceClient(realm, CLIENT, SECRET);
        Map<String, String> config = new java.util.HashMap<>(Map.of("priority", "500", "algorithm", "RS256"));
        config.putAll(settings);
        AdminApi.Response created = admin.addKeyProvider(realm, "rotating", "jwkgate-rotating", config);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.createdId();
    }

    private String storedState(String id) {
        return cluster.database.query("SELECT value FROM component_config WHERE component_id = '" + id
                + "' AND name = 'jwkgate.rotation.state'").get(0);
    }

    private static List<String> privateKeys(String state) {
        Matcher m = PRIVATE.matcher(state);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The KEK id the provider writes: an HMAC-SHA256 of a fixed label under the KEK, base64url, 16 characters. */
    private static String kekId(String kek) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(kek), "HmacSHA256"));
            byte[] tag = mac.doFinal("jwkgate key-encryption-key id".getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag).substring(0, 16);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(int seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("jwkgate KEK for tests " + seed).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
