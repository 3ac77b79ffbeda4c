package dev.jwkgate.source.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.config.ConfigException;
import dev.jwkgate.jws.KeyFamily;
import dev.jwkgate.keys.KeySet;
import dev.jwkgate.keys.TrustedKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** hmac_secrets as trusted keys: HS algorithms by secret length, RFC 7638 thumbprints. */
class HmacKeySetsTest {

    private static String secret(int bytes) {
        byte[] raw = new byte[bytes];
        Arrays.fill(raw, (byte) 7);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static TrustedKey only(Map<String, String> secrets) {
        KeySet keys = HmacKeySets.from(secrets, Instant.EPOCH);
        assertThat(keys.size()).isEqualTo(1);
        return keys.keys().get(0);
    }

    @Test
    void aSecretOfThirtyTwoBytesVerifiesOnlyHs256() {
        assertThat(only(Map.of("k1", secret(32))).algorithms()).containsExactly("HS256");
    }

    @Test
    void aSecretOfFortyEightBytesVerifiesHs256AndHs384() {
        assertThat(only(Map.of("k1", secret(48))).algorithms()).containsExactlyInAnyOrder("HS256", "HS384");
    }

    @Test
    void aSecretOfSixtyFourBytesVerifiesEveryHsAlgorithm() {
        assertThat(only(Map.of("k1", secret(64))).algorithms()).containsExactlyInAnyOrder("HS256", "HS384", "HS512");
    }

    @Test
    void keepsTheKidAndTheSecretAsAnOctKey() {
        TrustedKey key = only(Map.of("k1", secret(32)));

        assertThat(key.keyId()).isEqualTo("k1");
        assertThat(key.family()).isEqualTo(KeyFamily.OCT);
        assertThat(key.curve()).isNull();
        assertThat(key.key().getEncoded()).isEqualTo(Base64.getUrlDecoder().decode(secret(32)));
    }

    @Test
    void thumbprintIsRfc7638OverKAndKty() throws Exception {
        String k = secret(32);
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("{\"k\":\"" + k + "\",\"kty\":\"oct\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(only(Map.of("k1", k)).thumbprint())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    }

    @Test
    void neverPrintsTheSecret() {
        String k = secret(32);

        assertThat(only(Map.of("k1", k)).toString()).doesNotContain(k);
    }

    @Test
    void refusesASecretShorterThanTheShortestHash() {
        assertThatThrownBy(() -> HmacKeySets.from(Map.of("k1", secret(16)), Instant.EPOCH))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("16 bytes");
    }
}
