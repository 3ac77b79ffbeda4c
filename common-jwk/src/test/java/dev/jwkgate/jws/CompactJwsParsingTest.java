package dev.jwkgate.jws;

import dev.jwkgate.token.support.Gate;
import dev.jwkgate.token.support.Jws;
import dev.jwkgate.token.support.SigningKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.config.Setting;
import dev.jwkgate.result.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Step 1: what counts as a compact JWS, checked before any key is looked up. */
class CompactJwsParsingTest {

    private final SigningKey key = SigningKey.rsa("k1");
    private final Gate gate = Gate.withKeys(key);

    private String valid() {
        return gate.token(key, "RS256").signedWith(key);
    }

    @Test
    void acceptsAWellFormedToken() {
        gate.accepts(valid());
    }

    @Test
    void refusesNullToken() {
        gate.refuses(null, ReasonCode.MALFORMED);
    }

    @Test
    void refusesEmptyToken() {
        gate.refuses("", ReasonCode.MALFORMED);
    }

    @Test
    void refusesTokenOverMaxTokenBytesBeforeLookingAtItsShape() {
        gate.set(Setting.MAX_TOKEN_BYTES, 1024);
        String fiveSegmentsTooLong = "a".repeat(1021) + ".b.c.d.e";
        assertThat(gate.refuses(fiveSegmentsTooLong, ReasonCode.TOO_LARGE)).contains("max_token_bytes is 1024");
    }

    @Test
    void acceptsTokenOfExactlyMaxTokenBytes() {
        String token = valid();
        gate.set(Setting.MAX_TOKEN_BYTES, token.length());
        gate.accepts(token);
    }

    @Test
    void refusesFiveSegmentsAsEncryptedTokenWithoutDecrypting() {
        String jwe = Jws.b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".AAAA.AAAA.AAAA.AAAA";
        gate.refuses(jwe, ReasonCode.ENCRYPTED_TOKEN);
        assertThat(gate.source.currentCalls).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"onlyone", "two.segments", "four.seg.men.ts", "six.a.b.c.d.e", "..", "a..b.c"})
    void refusesAnySegmentCountOtherThanThree(String token) {
        gate.refuses(token, ReasonCode.MALFORMED);
    }

    @Test
    void refusesPaddedSegment() {
        String[] parts = valid().split("\\.");
        gate.refuses(parts[0] + "=." + parts[1] + "." + parts[2], ReasonCode.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\n", "\t", "+", "/", "=", "?", "#", "é"})
    void refusesCharacterOutsideTheBase64UrlAlphabetInThePayload(String bad) {
        String[] parts = valid().split("\\.");
        String payload = parts[1].substring(0, 4) + bad + parts[1].substring(4);
        gate.refuses(parts[0] + "." + payload + "." + parts[2], ReasonCode.MALFORMED);
    }

    @Test
    void refusesSignatureWithNonCanonicalTrailingBits() {
        // 256-byte RSA signature: 342 chars, the last carries 4 unused bits
        String token = valid();
        char last = token.charAt(token.length() - 1);
        String sibling = String.valueOf(nonCanonicalSibling(last));
        String malleable = token.substring(0, token.length() - 1) + sibling;
        assertThat(java.util.Base64.getUrlDecoder().decode(malleable.substring(malleable.lastIndexOf('.') + 1)))
                .as("a lenient decoder reads the same signature").isEqualTo(
                        java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1)));
        assertThat(gate.refuses(malleable, ReasonCode.MALFORMED)).contains("signature segment");
    }

    private static char nonCanonicalSibling(char c) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(c) | 0x01);
    }

    @Test
    void refusesSegmentWhoseLengthNoBase64CanHave() {
        String[] parts = valid().split("\\.");
        gate.refuses(parts[0] + ".A." + parts[2], ReasonCode.MALFORMED);
    }

    @Test
    void refusesEncodedHeaderOverMaxHeaderBytes() {
        gate.set(Setting.MAX_HEADER_BYTES, 64);
        String token = gate.token(key, "RS256").with("padding", "x".repeat(60)).signedWith(key);
        assertThat(gate.refuses(token, ReasonCode.TOO_LARGE)).contains("max_header_bytes is 64");
    }

    @Test
    void refusesHeaderNestedDeeperThanMaxJsonDepth() {
        String token = gate.token(key, "RS256").rawHeader("{\"alg\":\"RS256\",\"kid\":\"k1\",\"x\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]}")
                .signedWith(key);
        assertThat(gate.refuses(token, ReasonCode.TOO_LARGE)).contains("max_json_depth");
    }

    @Test
    void refusesHeaderThatIsNotAJsonObject() {
        String token = gate.token(key, "RS256").rawHeader("[\"RS256\"]").signedWith(key);
        gate.refuses(token, ReasonCode.MALFORMED);
    }

    @Test
    void refusesEmptyHeaderSegment() {
        String[] parts = valid().split("\\.");
        gate.refuses("." + parts[1] + "." + parts[2], ReasonCode.MALFORMED);
    }

    @Test
    void refusesHeaderThatIsNotUtf8() {
        String[] parts = valid().split("\\.");
        String header = SigningKey.b64(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        assertThat(gate.refuses(header + "." + parts[1] + "." + parts[2], ReasonCode.MALFORMED)).contains("UTF-8");
    }

    @Test
    void refusesHeaderWithDuplicateMember() {
        String token = Jws.header("RS256", "k1").rawHeader("{\"alg\":\"RS256\",\"kid\":\"k1\",\"kid\":\"k2\"}")
                .claim("iss", Gate.ISSUER).signedWith(key);
        assertThat(gate.refuses(token, ReasonCode.MALFORMED)).contains("repeats a member name");
    }

    @Test
    void looksUpNoKeyForATokenThatIsNotACompactJws() {
        gate.refuses("not.a.jws!", ReasonCode.MALFORMED);
        assertThat(gate.source.currentCalls).hasValue(0);
    }
}
