package dev.jwkgate.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hot-path JSON parser reads valid JSON exactly as jose4j does and refuses everything jose4j lets slip. */
class JsonObjectParserTest {

    private static Map<String, Object> parse(String json) throws JsonObjectParser.JsonSyntaxException {
        return JsonObjectParser.parseObject(json.getBytes(StandardCharsets.UTF_8), 16).toOrderedMap();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        " \t\r\n{ \"a\" : 1 } \n",
        "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}",
        "{\"a\":-0,\"b\":0,\"c\":-12,\"d\":9223372036854775807,\"e\":-9223372036854775808}",
        "{\"big\":9223372036854775808,\"neg\":-99999999999999999999999}",
        "{\"f\":1.5,\"g\":-0.0,\"h\":1e5,\"i\":1E-3,\"j\":2.5e+10,\"k\":1e400}",
        "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 plain\"}",
        "{\"u\":\"é日本😀\"}",
        "{\"n\":null,\"t\":true,\"f\":false,\"arr\":[1,\"two\",[3,{\"four\":4}],{}],\"empty\":[]}",
        "{\"\":\"empty name\",\"a\\u0062\":\"escaped name\"}"
    })
    void readsValidJsonExactlyAsJose4jDoes(String json) throws Exception {
        assertThat(parse(json)).isEqualTo(JsonUtil.parseJson(json));
    }

    @Test
    void keepsJose4jsNumberTypes() throws Exception {
        Map<String, Object> parsed = parse("{\"l\":1,\"b\":123456789012345678901,\"d\":1.0,\"e\":1e2}");
        assertThat(parsed.get("l")).isInstanceOf(Long.class);
        assertThat(parsed.get("b")).isEqualTo(new BigInteger("123456789012345678901"));
        assertThat(parsed.get("d")).isEqualTo(1.0d);
        assertThat(parsed.get("e")).isEqualTo(100.0d);
    }

    @Test
    void keepsMemberOrder() throws Exception {
        assertThat(parse("{\"z\":1,\"a\":2,\"m\":3}").keySet()).containsExactly("z", "a", "m");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "[]", "\"s\"", "1", "null",
        "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":1}}",
        "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":1 \"b\":2}", "{,\"a\":1}", "{\"a\" 1}", "{\"a\":}",
        "{\"a\":01}", "{\"a\":-01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":- 1}",
        "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}",
        "{'a':1}", "{a:1}", "{\"a\":'x'}",
        "{\"a\":\"tab\there\"}", "{\"a\":\"nl\nhere\"}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}",
        "{\"a\":\"\\ud83d\"}", "{\"a\":\"\\ude00\"}", "{\"a\":\"\\ud83d\\u0041\"}",
        "{\"a\":\"unterminated}", "{\"a\":1", "{\"a\":[1,2}", "{\"a\":{\"b\":1]}",
        "{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}", "{\"o\":{\"k\":1,\"k\":1}}",
        "{\"a\":1}\u0000", "\u00a0{\"a\":1}", "{\"a\":1/*c*/}"
    })
    void refusesTextThatIsNotExactlyOneStrictJsonObject(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(JsonObjectParser.JsonSyntaxException.class);
    }

    @Test
    void refusesNestingBeyondTheLimitWithoutRecursingFurther() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> parse(deep)).hasMessageContaining("nesting deeper than 16");
    }

    @Test
    void acceptsNestingExactlyAtTheLimit() throws Exception {
        String atLimit = "{\"a\":" + "[".repeat(15) + "]".repeat(15) + "}";
        assertThat(parse(atLimit)).containsKey("a");
    }

    @Test
    void namesTheProblemWithoutQuotingTheInput() {
        assertThatThrownBy(() -> parse("{\"secret-value\":tru}")).hasMessageNotContaining("secret")
                .hasMessageContaining("offset");
    }

    @Test
    void readsDuplicateNamesInDifferentObjectsAsDistinct() throws Exception {
        assertThat(parse("{\"a\":{\"k\":1},\"b\":{\"k\":2}}")).containsEntry("b", Map.of("k", 2L));
        assertThat(parse("{\"a\":[{\"k\":1},{\"k\":2}]}").get("a")).isEqualTo(List.of(Map.of("k", 1L), Map.of("k", 2L)));
    }

    @Test
    void refusesARepeatedNameAmongManyMembers() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            json.append("\"m").append(i).append("\":").append(i).append(',');
        }
        String repeated = json.append("\"m3\":0}").toString();
        assertThatThrownBy(() -> parse(repeated)).hasMessageContaining("repeats a member name");
    }

    @Test
    void readsManyMembersInOrder() throws Exception {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            json.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
        }
        Map<String, Object> parsed = parse(json.append('}').toString());
        assertThat(parsed).hasSize(40).containsEntry("m39", 39L);
        assertThat(parsed.keySet()).startsWith("m0", "m1", "m2").endsWith("m39");
    }

    @Test
    void refusesInvalidUtf8InAString() {
        byte[] overlongSlash = {'{', '"', 'a', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'};
        assertThatThrownBy(() -> JsonObjectParser.parseObject(overlongSlash, 16)).hasMessageContaining("invalid UTF-8");
    }
}
