package dev.jwkgate.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkgate.result.ReasonCode;
import dev.jwkgate.result.TokenRefusedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A token's payload is checked whole when it is parsed, but its plain names and values are made into Strings and
 * Longs only when read: what a reader gets, and what is refused, is what the eager reader gives.
 */
class UnreadValueTest {

    private static final StrictJson JSON = new StrictJson(16);

    private static JsonMembers parsed(String json) throws TokenRefusedException {
        return JSON.parseObject(json.getBytes(StandardCharsets.UTF_8), "payload");
    }

    private static Map<String, Object> claims(String json) throws TokenRefusedException {
        return parsed(json).withoutNulls();
    }

    private static Map<String, Object> eagerly(String json) throws Exception {
        return JsonText.parseObject(json, 16);
    }

    @Test
    void readsAPlainStringTheSameEveryTime() throws Exception {
        Map<String, Object> claims = claims("{\"iss\":\"https://issuer.example\",\"sub\":\"\"}");
        assertThat(claims.get("iss")).isEqualTo("https://issuer.example");
        assertThat(claims.get("iss")).isSameAs(claims.get("iss"));
        assertThat(claims.get("sub")).isEqualTo("");
    }

    @Test
    void readsShortIntegersAsLongsTheSameEveryTime() throws Exception {
        Map<String, Object> claims = claims(
                "{\"exp\":1700000000,\"zero\":0,\"minusZero\":-0,\"neg\":-42,\"max\":999999999999999999,"
                        + "\"min\":-99999999999999999}");
        assertThat(claims.get("exp")).isEqualTo(1700000000L);
        assertThat(claims.get("exp")).isSameAs(claims.get("exp"));
        assertThat(claims.get("zero")).isEqualTo(0L);
        assertThat(claims.get("minusZero")).isEqualTo(0L);
        assertThat(claims.get("neg")).isEqualTo(-42L);
        assertThat(claims.get("max")).isEqualTo(999999999999999999L);
        assertThat(claims.get("min")).isEqualTo(-99999999999999999L);
    }

    @Test
    void readsEveryOtherKindAsTheEagerReaderDoes() throws Exception {
        String json = "{\"big\":12345678901234567890,\"long19\":1234567890123456789,\"frac\":1.5,\"exp\":1e3,"
                + "\"t\":true,\"f\":false,\"escaped\":\"a\\\"b\\u00e9\",\"utf8\":\"\u00e9\u20ac\",\"arr\":[\"x\",1],"
                + "\"obj\":{\"k\":\"v\",\"n\":2},\"na\\u006de\":\"unicode-escaped name\",\"\u00e9\":1}";
        Map<String, Object> claims = claims(json);
        assertThat(claims).isEqualTo(eagerly(json));
        assertThat(List.copyOf(claims.keySet())).isEqualTo(List.copyOf(eagerly(json).keySet()));
        assertThat(claims.get("name")).isEqualTo("unicode-escaped name");
        assertThat(claims.get("\u00e9")).isEqualTo(1L);
    }

    @Test
    void readsAnArrayOfPlainStringsAndShortIntegersAsTheEagerReaderDoes() throws Exception {
        String json = "{\"roles\":[\"orders-reader\",\"a,b]\",\"\"],\"empty\":[],\"spaced\":[ 1 ,\t-2\n,0, \"x\" ],"
                + "\"max\":[999999999999999999,-99999999999999999],\"aud\":[\"api\"]}";
        Map<String, Object> claims = claims(json);
        assertThat(claims).isEqualTo(eagerly(json));
        assertThat(claims.get("roles")).isEqualTo(List.of("orders-reader", "a,b]", ""));
        assertThat(claims.get("spaced")).isEqualTo(List.of(1L, -2L, 0L, "x"));
        assertThat(claims.get("roles")).isSameAs(claims.get("roles"));
    }

    @Test
    void readsAnArrayAsAnUnmodifiableListOfTheEagerReadersKind() throws Exception {
        Object roles = claims("{\"roles\":[\"a\",1]}").get("roles");
        assertThat(roles).isInstanceOf(java.util.RandomAccess.class)
                .hasSameClassAs(eagerly("{\"roles\":[\"a\",1]}").get("roles"));
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) roles;
        assertThatThrownBy(() -> list.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.set(0, "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(list.contains(null)).isFalse();
    }

    @Test
    void readsAnArrayOfAnyOtherElementsAsTheEagerReaderDoes() throws Exception {
        String json = "{\"a\":[\"x\",true],\"b\":[\"esc\\u00e9\"],\"c\":[1.5],\"d\":[12345678901234567890],"
                + "\"e\":[[\"x\"]],\"f\":[{\"k\":1}],\"g\":[null],\"h\":[\"\u00e9\"],\"i\":[1234567890123456789]}";
        Map<String, Object> claims = claims(json);
        assertThat(claims).isEqualTo(eagerly(json));
    }

    @Test
    void refusesAMalformedArrayFarInThePayloadWhenParsing() {
        for (String bad : List.of("\"z\":[1,]", "\"z\":[,1]", "\"z\":[1 2]", "\"z\":[01]", "\"z\":[\"a\"",
                "\"z\":[\"a\",", "\"z\":[-]", "\"z\":[\"a\"}", "\"z\":[\"a\" \"b\"]", "\"z\":[1x]")) {
            assertThatThrownBy(() -> parsed(afterTwelveMembers(bad)))
                    .as(bad).isInstanceOf(TokenRefusedException.class)
                    .extracting(e -> ((TokenRefusedException) e).refusal().reason()).isEqualTo(ReasonCode.MALFORMED);
            assertThatThrownBy(() -> eagerly(afterTwelveMembers(bad))).as(bad)
                    .isInstanceOf(JsonText.InvalidJsonException.class);
        }
    }

    @Test
    void refusesAnArrayNestedBeyondTheDepthLimit() {
        StrictJson flat = new StrictJson(1);
        assertThatThrownBy(() -> flat.parseObject("{\"roles\":[\"a\"]}".getBytes(StandardCharsets.UTF_8), "payload"))
                .isInstanceOf(TokenRefusedException.class)
                .extracting(e -> ((TokenRefusedException) e).refusal().reason()).isEqualTo(ReasonCode.TOO_LARGE);
    }

    @Test
    void readsThroughTheMembersAsThroughTheMap() throws Exception {
        JsonMembers members = parsed("{\"iss\":\"a\",\"exp\":5,\"gone\":null}");
        assertThat(members.name(0)).isEqualTo("iss");
        assertThat(members.value(0)).isEqualTo("a");
        assertThat(members.value(1)).isEqualTo(5L);
        assertThat(members.isNull(1)).isFalse();
        assertThat(members.isNull(2)).isTrue();
        assertThat(members.withoutNulls()).containsExactly(Map.entry("iss", "a"), Map.entry("exp", 5L));
    }

    @Test
    void hashesAPlainStringAsStringHashCodeDoes() {
        String text = "preferred_username~email_verified !#$%&'()*+,-./0123456789:;<=>?@[]^`{|}\u007f";
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int from = 0; from < 5; from++) {
            for (int length = 0; from + length <= bytes.length; length++) {
                assertThat(UnreadValue.hash(bytes, UnreadValue.span(from, length)))
                        .as("%d at %d", length, from).isEqualTo(text.substring(from, from + length).hashCode());
            }
        }
    }

    @Test
    void findsNamesOfEqualHashByTheirText() throws Exception {
        // "Aa" and "BB" have one String hash code
        Map<String, Object> claims = claims("{\"Aa\":\"first\",\"BB\":\"second\"}");
        assertThat(claims.get("Aa")).isEqualTo("first");
        assertThat(claims.get("BB")).isEqualTo("second");
        assertThat(claims.get("AB")).isNull();
        assertThat(claims.containsKey(new Object())).isFalse();
    }

    @Test
    void readsObjectsBeyondTheLinearLimit() throws Exception {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            json.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":\"v").append(i).append('"');
        }
        Map<String, Object> claims = claims(json.append('}').toString());
        assertThat(claims).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(claims.get("m" + i)).isEqualTo("v" + i);
        }
    }

    @Test
    void givesEveryThreadTheSameClaimsWhenReadAtOnce() throws Exception {
        String json = "{\"iss\":\"https://issuer.example\",\"exp\":1700000000,\"sub\":\"user-1\",\"n\":-7,"
                + "\"roles\":[\"a\",\"b\",3]}";
        Map<String, Object> expected = eagerly(json);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                Map<String, Object> shared = claims(json);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Map<String, Object>>> reads = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Callable<Map<String, Object>> read = () -> {
                        start.await();
                        return Map.of("iss", shared.get("iss"), "exp", shared.get("exp"), "sub", shared.get("sub"),
                                "n", shared.get("n"), "roles", shared.get("roles"));
                    };
                    reads.add(pool.submit(read));
                }
                start.countDown();
                for (Future<Map<String, Object>> read : reads) {
                    assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
                }
                assertThat(shared).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Twelve members, as a Keycloak payload, before the one given. */
    private static String afterTwelveMembers(String last) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 12; i++) {
            json.append("\"claim").append(i).append("\":\"value").append(i).append("\",");
        }
        return json.append(last).append('}').toString();
    }

    @Test
    void refusesAMalformedNumberFarInThePayloadWhenParsing() {
        for (String bad : List.of("\"z\":01", "\"z\":-", "\"z\":1.", "\"z\":1e", "\"z\":+1", "\"z\":1x")) {
            assertThatThrownBy(() -> parsed(afterTwelveMembers(bad)))
                    .as(bad).isInstanceOf(TokenRefusedException.class)
                    .extracting(e -> ((TokenRefusedException) e).refusal().reason()).isEqualTo(ReasonCode.MALFORMED);
        }
    }

    @Test
    void refusesAMalformedStringFarInThePayloadWhenParsing() {
        for (String bad : List.of("\"z\":\"a\\x\"", "\"z\":\"\\ud800\"", "\"z\":\"tab\there\"", "\"z\":\"open",
                "\"z\\q\":1", "\"z\u0001\":1")) {
            assertThatThrownBy(() -> parsed(afterTwelveMembers(bad)))
                    .as(bad).isInstanceOf(TokenRefusedException.class)
                    .extracting(e -> ((TokenRefusedException) e).refusal().reason()).isEqualTo(ReasonCode.MALFORMED);
        }
    }

    @Test
    void refusesInvalidUtf8FarInThePayloadWhenParsing() {
        byte[] text = afterTwelveMembers("\"z\":\"x\"").getBytes(StandardCharsets.UTF_8);
        text[text.length - 3] = (byte) 0xc0; // an overlong lead byte inside the last value
        assertThatThrownBy(() -> JSON.parseObject(text, "payload"))
                .isInstanceOf(TokenRefusedException.class)
                .extracting(e -> ((TokenRefusedException) e).refusal().reason()).isEqualTo(ReasonCode.MALFORMED);
    }

    @Test
    void refusesARepeatedPlainName() {
        assertRepeats(afterTwelveMembers("\"claim3\":\"again\""));
        assertRepeats("{\"a\":1,\"a\":1}");
    }

    @Test
    void refusesAPlainNameRepeatedEscaped() {
        assertRepeats("{\"a\":1,\"\\u0061\":2}");
        assertRepeats("{\"\\u0061\":1,\"a\":2}");
        assertRepeats("{\"a/b\":1,\"a\\/b\":2}");
    }

    @Test
    void refusesANonAsciiNameRepeatedEscaped() {
        assertRepeats("{\"\u00e9\":1,\"\\u00e9\":2}");
    }

    @Test
    void refusesARepeatedNameBeyondTheLinearLimit() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            json.append("\"m").append(i).append("\":").append(i).append(',');
        }
        assertRepeats(json.append("\"m3\":0}").toString());
        assertRepeats(json.toString().replace("\"m3\":0}", "\"m\\u0033\":0}"));
    }

    private static void assertRepeats(String json) {
        assertThatThrownBy(() -> parsed(json)).as(json)
                .isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("repeats a member name");
        // the eager reader refuses it alike
        assertThatThrownBy(() -> eagerly(json)).as(json)
                .isInstanceOf(JsonText.InvalidJsonException.class)
                .matches(e -> ((JsonText.InvalidJsonException) e).repeatedName());
    }
}
