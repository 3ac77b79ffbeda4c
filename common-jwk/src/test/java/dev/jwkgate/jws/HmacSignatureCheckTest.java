package dev.jwkgate.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The HS256 check keeps its {@code Mac} initialised across tokens, and still checks each MAC with its own key. */
class HmacSignatureCheckTest {

    private static final byte[] INPUT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0".getBytes(StandardCharsets.US_ASCII);

    private final HmacSignatureCheck check = new HmacSignatureCheck("HS256", "HmacSHA256", 32);
    private final SecretKeySpec one = key(1);
    private final SecretKeySpec two = key(2);

    @Test
    void checksEachMacWithItsOwnKeyWhenTokensAlternateBetweenSecrets() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(check.verifies(one, INPUT, INPUT.length, mac(one))).isTrue();
            assertThat(check.verifies(two, INPUT, INPUT.length, mac(two))).isTrue();
            assertThat(check.verifies(one, INPUT, INPUT.length, mac(two))).isFalse();
            assertThat(check.verifies(two, INPUT, INPUT.length, mac(one))).isFalse();
        }
    }

    @Test
    void aRefusedMacLeavesTheNextCheckUnaffected() throws Exception {
        byte[] wrong = mac(one);
        wrong[0] ^= 1;

        assertThat(check.verifies(one, INPUT, INPUT.length, wrong)).isFalse();
        assertThat(check.verifies(one, INPUT, INPUT.length, mac(one))).isTrue();
        assertThat(check.verifies(one, INPUT, INPUT.length - 1, mac(one))).isFalse();
        assertThat(check.verifies(one, INPUT, INPUT.length, mac(one))).isTrue();
    }

    private static SecretKeySpec key(int fill) {
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) fill);
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static byte[] mac(SecretKeySpec key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac.doFinal(INPUT);
    }
}
