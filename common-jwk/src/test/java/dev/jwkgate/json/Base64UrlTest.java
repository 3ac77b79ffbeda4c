package dev.jwkgate.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The strict decoder agrees with the JDK on canonical input and refuses everything a lenient decoder would let by. */
class Base64UrlTest {

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodesEveryLengthLikeTheJdk() {
        Random random = new Random(7);
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            assertThat(Base64Url.isCanonical(ascii(encoded), 0, encoded.length())).isTrue();
            assertThat(Base64Url.decode(ascii(encoded), 0, encoded.length())).isEqualTo(bytes);
        }
    }

    @Test
    void isCanonicalExactlyWhenReencodingGivesTheInputBack() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (String prefix : new String[] {"", "A", "AB", "ABC"}) {
            for (char c : alphabet.toCharArray()) {
                String text = prefix + c;
                boolean roundTrips;
                try {
                    byte[] decoded = Base64.getUrlDecoder().decode(text);
                    roundTrips = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(text);
                } catch (IllegalArgumentException e) {
                    roundTrips = false;
                }
                assertThat(Base64Url.isCanonical(ascii(text), 0, text.length())).as(text).isEqualTo(roundTrips);
            }
        }
    }

    @Test
    void refusesPaddingWhitespaceAndTheStandardAlphabet() {
        for (String text : new String[] {"QQ==", "QQ", "Q Q", "+/8", "ab/c", "ab\nc"}) {
            boolean expected = text.equals("QQ");
            assertThat(Base64Url.isCanonical(ascii(text), 0, text.length())).as(text).isEqualTo(expected);
        }
    }

    @Test
    void decodesInOnePassExactlyTheCanonicalTexts() {
        Random random = new Random(7515);
        String symbols = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= .\u00e9";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                // mostly the alphabet, so many texts are canonical and many differ only in their last bits
                text.append(symbols.charAt(random.nextInt(random.nextInt(10) == 0 ? symbols.length() : 64)));
            }
            byte[] ascii = ascii(text.toString());
            byte[] decoded = Base64Url.decodeCanonical(ascii, 0, ascii.length);
            boolean canonical = Base64Url.isCanonical(ascii, 0, ascii.length);
            assertThat(decoded != null).as(text.toString()).isEqualTo(canonical);
            if (canonical) {
                assertThat(decoded).as(text.toString()).isEqualTo(Base64.getUrlDecoder().decode(text.toString()));
            }
        }
    }
}
