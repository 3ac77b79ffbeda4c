package dev.jwkgate.json;

import dev.jwkgate.result.TokenRefusedException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.result.ReasonCode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The one-pass byte-level parse gives every text the verdict the String-based pipeline gave it (JDK UTF-8 decode,
 * then the depth pre-scan, then {@link LegacyJsonObjectParser}): the same value when accepted, the same reason code
 * when refused. Checked on hand-written texts and on tens of thousands of generated ones (seeded, so a failure
 * reproduces).
 */
class StrictJsonDifferentialTest {

    private static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}";
    private static final String PAYLOAD = "{\"iss\":\"https://idp.example/realms/acme\",\"sub\":\"f3a9c2\","
            + "\"aud\":\"orders-api\",\"exp\":4102444800,\"iat\":1764374400,\"jti\":\"3c6e-11\","
            + "\"azp\":\"demo-client\",\"scope\":\"email profile\",\"preferred_username\":\"alice\","
            + "\"email\":\"alice@example.com\",\"email_verified\":true,\"roles\":[\"a\",\"b\",\"c\"]}";

    private static final String ACCEPTED = "accepted";

    private static final List<String> SEEDS = List.of(
            HEADER, PAYLOAD,
            "{}", " \t\r\n{ \"a\" : 1 } \n",
            "{\"a\":-0,\"b\":0,\"c\":-12,\"d\":9223372036854775807,\"e\":-9223372036854775808,\"f\":123456789012345678}",
            "{\"big\":9223372036854775808,\"neg\":-99999999999999999999999,\"edge\":-123456789012345678}",
            "{\"f\":1.5,\"g\":-0.0,\"h\":1e5,\"i\":1E-3,\"j\":2.5e+10,\"k\":1e400}",
            "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 plain\"}",
            "{\"u\":\"é日本😀\",\"é\":\"name\"}",
            "{\"n\":null,\"t\":true,\"f\":false,\"arr\":[1,\"two\",[3,{\"four\":4}],{}],\"empty\":[]}",
            "{\"\":\"empty name\",\"a\\u0062\":\"escaped name\",\"o\":{\"k\":{\"k\":[[{}]]}}}",
            manyMembers(40));

    /** Bytes a mutation puts in: JSON punctuation, digits, escapes, controls and every kind of UTF-8 lead/trail. */
    private static final byte[] INTERESTING = {
        '{', '}', '[', ']', '"', '\\', ',', ':', '0', '1', '9', '-', '+', '.', 'e', 'E', 't', 'f', 'n', 'u', 'a',
        ' ', '\t', '\n', '\r', 0x00, 0x1f, 0x7f, (byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xc1, (byte) 0xc2,
        (byte) 0xdf, (byte) 0xe0, (byte) 0xed, (byte) 0xef, (byte) 0xf0, (byte) 0xf4, (byte) 0xf5, (byte) 0xff,
        (byte) 0xa0, (byte) 0x9f, (byte) 0x8f, (byte) 0x90};

    @Test
    void handWrittenTextsGetTheOldVerdict() {
        List<byte[]> texts = new ArrayList<>();
        for (String seed : SEEDS) {
            texts.add(utf8(seed));
        }
        for (String refused : new String[] {"", " ", "[]", "\"s\"", "1", "null", "{\"a\":1}x", "{\"a\":1,}",
            "{\"a\":[1,]}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":NaN}", "{'a':1}", "{\"a\":\"tab\there\"}",
            "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}",
            "{\"a\":\"\\ud83d\\u0041\"}", "{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}", "{\"o\":{\"k\":1,\"k\":1}}",
            "{\"a\":1}\u0000", "\u00a0{\"a\":1}", "{\"a\":1/*c*/}", "{\"a\":[[[[[]]]]]}", "{\"a\":1}[[[[[[",
            "{\"a\":\"[[[[[[\"}", "{\"a\":tru}", "{\"a\":[[[[[[1,]]]]]]}", "{\"a\":\"\\\"[[[[[[\"}"}) {
            texts.add(utf8(refused));
        }
        // malformed UTF-8: overlong, encoded surrogate, above U+10FFFF, truncated, stray continuation, in a value
        // and in a name, also when the text is broken or too deep as well
        for (String bad : new String[] {"c0af", "c1bf", "e080af", "eda080", "edbfbf", "f08fbfbf", "f4908080",
            "f5808080", "ff", "80", "bf", "c3", "e282", "f09f98", "c328", "e228a1"}) {
            texts.add(concat(utf8("{\"a\":\""), hex(bad), utf8("\"}")));
            texts.add(concat(utf8("{\""), hex(bad), utf8("\":1}")));
            texts.add(concat(utf8("{\"a\":[[[[[[[[1]]]]]]]]"), hex(bad), utf8("}")));
            texts.add(concat(hex(bad), utf8("{\"a\":1}")));
        }
        for (String good : new String[] {"c280", "dfbf", "e0a080", "ed9fbf", "ee8080", "efbfbf", "f0908080",
            "f48fbfbf", "efbfbe"}) {
            texts.add(concat(utf8("{\"a\":\""), hex(good), utf8("\"}")));
        }
        Map<String, Integer> seen = compareAll(texts, 4);
        assertThat(seen).containsKeys(ACCEPTED, ReasonCode.MALFORMED.code(), ReasonCode.TOO_LARGE.code());
    }

    @Test
    void mutatedHeadersAndPayloadsGetTheOldVerdict() {
        Random random = new Random(20261129);
        List<byte[]> texts = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            byte[] text = utf8(SEEDS.get(random.nextInt(SEEDS.size())));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                text = mutate(text, random);
            }
            texts.add(text);
        }
        Map<String, Integer> seen = compareAll(texts, 3);
        assertThat(seen.get(ACCEPTED)).as("accepted mutants").isGreaterThan(1_000);
        assertThat(seen.get(ReasonCode.MALFORMED.code())).as("malformed mutants").isGreaterThan(10_000);
        assertThat(seen.get(ReasonCode.TOO_LARGE.code())).as("too deep mutants").isGreaterThan(10);
    }

    @Test
    void randomBytesInStringsAndNamesGetTheOldUtf8Verdict() {
        Random random = new Random(8259);
        List<byte[]> texts = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            byte[] junk = new byte[1 + random.nextInt(6)];
            for (int j = 0; j < junk.length; j++) {
                junk[j] = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : (byte) (0x80 + random.nextInt(0x80));
            }
            texts.add(random.nextBoolean() ? concat(utf8("{\"a\":\"x"), junk, utf8("\"}"))
                    : concat(utf8("{\""), junk, utf8("\":0}")));
        }
        Map<String, Integer> seen = compareAll(texts, 16);
        assertThat(seen.get(ACCEPTED)).as("valid UTF-8 strings").isGreaterThan(100);
        assertThat(seen.get(ReasonCode.MALFORMED.code())).as("refused strings").isGreaterThan(1_000);
    }

    @Test
    void randomNestingGetsTheOldReason() {
        Random random = new Random(53864);
        char[] alphabet = "[]{}\":,1 \\a".toCharArray();
        List<byte[]> texts = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            StringBuilder text = new StringBuilder("{\"a\":");
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            texts.add(utf8(text.append(random.nextBoolean() ? "}" : "").toString()));
        }
        Map<String, Integer> seen = compareAll(texts, 2);
        assertThat(seen).containsKeys(ACCEPTED, ReasonCode.MALFORMED.code(), ReasonCode.TOO_LARGE.code());
    }

    @Test
    void refusesUnicodeEscapesWithNonAsciiHexDigits() {
        // Character.digit reads U+FF10 FULLWIDTH DIGIT ZERO as 0: the String-based parser took "\u００４１" for "A"
        assertThat(Character.digit('\uff10', 16)).isZero();
        Verdict verdict = current(utf8("{\"a\":\"\\u\uff10\uff10\uff14\uff11\"}"), 16);
        assertThat(verdict.outcome()).isEqualTo(ReasonCode.MALFORMED.code());
    }

    /** Compares every text; returns how many got each verdict ("accepted" or a reason code) so a vacuous run shows. */
    private static Map<String, Integer> compareAll(List<byte[]> texts, int maxDepth) {
        Map<String, Integer> seen = new TreeMap<>();
        for (byte[] text : texts) {
            Verdict expected = legacy(text, maxDepth);
            assertThat(current(text, maxDepth)).as(() -> "verdict for " + describe(text)).isEqualTo(expected);
            seen.merge(expected.outcome(), 1, Integer::sum);
        }
        return seen;
    }

    /** What a parse ended in: "accepted" with the value and its member order, or the refusal's reason code. */
    record Verdict(String outcome, Map<String, Object> value, List<String> order) {
        static Verdict accepted(Map<String, Object> value) {
            return new Verdict(ACCEPTED, value, List.copyOf(value.keySet()));
        }

        static Verdict refused(ReasonCode reason) {
            return new Verdict(reason.code(), null, null);
        }
    }

    private static Verdict current(byte[] utf8, int maxDepth) {
        try {
            return Verdict.accepted(new StrictJson(maxDepth).parseObject(utf8, "payload").toOrderedMap());
        } catch (TokenRefusedException e) {
            return Verdict.refused(e.refusal().reason());
        }
    }

    /** The pipeline before the byte-level parser, step by step as StrictJson had it. */
    private static Verdict legacy(byte[] utf8, int maxDepth) {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            return Verdict.refused(ReasonCode.MALFORMED);
        }
        if (!JsonLimits.withinDepth(json, maxDepth)) {
            return Verdict.refused(ReasonCode.TOO_LARGE);
        }
        try {
            return Verdict.accepted(LegacyJsonObjectParser.parseObject(json, maxDepth));
        } catch (LegacyJsonObjectParser.JsonSyntaxException e) {
            return Verdict.refused(ReasonCode.MALFORMED);
        }
    }

    private static byte[] mutate(byte[] text, Random random) {
        int at = text.length == 0 ? 0 : random.nextInt(text.length);
        byte b = INTERESTING[random.nextInt(INTERESTING.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 8);
        switch (random.nextInt(6)) {
            case 0: // replace a byte
                out.write(text, 0, at);
                out.write(b);
                out.write(text, Math.min(at + 1, text.length), Math.max(0, text.length - at - 1));
                break;
            case 1: // insert a byte
                out.write(text, 0, at);
                out.write(b);
                out.write(text, at, text.length - at);
                break;
            case 2: // delete a byte
                out.write(text, 0, at);
                out.write(text, Math.min(at + 1, text.length), Math.max(0, text.length - at - 1));
                break;
            case 3: // truncate
                out.write(text, 0, at);
                break;
            case 4: // repeat a slice (duplicate members, deeper nesting)
                int length = random.nextInt(Math.max(1, text.length - at) + 1);
                length = Math.min(length, text.length - at);
                out.write(text, 0, at + length);
                out.write(text, at, text.length - at);
                break;
            default: // wrap a stretch in brackets
                out.write(text, 0, at);
                out.write(random.nextBoolean() ? '[' : '{');
                out.write(text, at, text.length - at);
                break;
        }
        return out.toByteArray();
    }

    private static String manyMembers(int count) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
        }
        return text.append('}').toString();
    }

    private static String describe(byte[] text) {
        StringBuilder hex = new StringBuilder();
        for (byte b : text) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
