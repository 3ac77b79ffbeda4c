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

    @Test
    void refusesABadByteAnywhereInAShortTextExactlyAsTheCheckDoes() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        Random random = new Random(4648);
        for (int length : new int[] {8, 11, 12, 16, 22, 24, 43}) {
            for (int position = 0; position < length; position++) {
                for (int value = 0; value < 256; value++) {
                    byte[] text = new byte[length];
                    for (int i = 0; i < length; i++) {
                        text[i] = (byte) alphabet.charAt(random.nextInt(64));
                    }
                    text[length - 1] = 'A'; // canonical trailing bits, so only the byte under test can refuse
                    text[position] = (byte) value;
                    byte[] decoded = Base64Url.decodeCanonical(text, 0, length);
                    assertThat(decoded != null).as("byte %d at %d of %d", value, position, length)
                            .isEqualTo(Base64Url.isCanonical(text, 0, length));
                }
            }
        }
    }

    @Test
    void refusesABadByteAnywhereInAPayloadLongTextExactlyAsTheCheckDoes() {
        // long enough for the JDK's decoder to take its block (intrinsic) path; repeated so that it gets compiled
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        Random random = new Random(4686);
        byte[] bad = {'=', '+', '/', '.', ' ', 0, 0x7f, (byte) 0x80, (byte) 0xc3, (byte) 0xff};
        for (int round = 0; round < 3; round++) {
            for (int length : new int[] {536, 538, 539}) {
                for (int position = 0; position < length; position++) {
                    byte[] text = new byte[length];
                    for (int i = 0; i < length; i++) {
                        text[i] = (byte) alphabet.charAt(random.nextInt(64));
                    }
                    text[length - 1] = 'A';
                    assertThat(Base64Url.decodeCanonical(text, 0, length))
                            .isEqualTo(Base64.getUrlDecoder().decode(text));
                    for (byte value : bad) {
                        text[position] = value;
                        assertThat(Base64Url.decodeCanonical(text, 0, length)).as("byte %d at %d of %d", value,
                                position, length).isNull();
                        assertThat(Base64Url.isCanonical(text, 0, length)).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void refusesPaddingWhereverItStands() {
        for (String text : new String[] {"AA==", "AAA=", "AAAAAA==", "AAAAAAA=", "A=AA", "AA=A", "=AAA", "AA==AAAA",
                "AAA=AAAA", "AAAA===="}) {
            assertThat(Base64Url.decodeCanonical(ascii(text), 0, text.length())).as(text).isNull();
        }
    }

    @Test
    void decodesAnEmptySegmentToNothing() {
        assertThat(Base64Url.decodeCanonical(ascii("a..b"), 2, 2)).isEmpty();
    }

    @Test
    void refusesEveryByteOutsideTheAlphabetInAnEightCharacterWord() {
        for (int value = 0; value < 256; value++) {
            byte[] word = ascii("AAAAAAAA");
            word[3] = (byte) value;
            boolean inAlphabet = (value >= 'A' && value <= 'Z') || (value >= 'a' && value <= 'z')
                    || (value >= '0' && value <= '9') || value == '-' || value == '_';
            assertThat(Base64Url.decodeCanonical(word, 0, 8) != null).as("byte %d", value).isEqualTo(inAlphabet);
        }
    }
}
