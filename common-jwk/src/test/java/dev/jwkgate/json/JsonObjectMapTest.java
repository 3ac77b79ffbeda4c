package dev.jwkgate.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A parsed object's map behaves as the JDK's {@code Map.of} maps, which the claims used to be. */
class JsonObjectMapTest {

    private static JsonMembers members(String json) throws JsonObjectParser.JsonSyntaxException {
        return JsonObjectParser.parseObject(json.getBytes(StandardCharsets.UTF_8), 16);
    }

    private static Map<String, Object> claims(String json) throws JsonObjectParser.JsonSyntaxException {
        return members(json).withoutNulls();
    }

    /** An object of {@code count} members {@code "m0":0, "m1":1, ...}. */
    private static String manyMembers(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
        }
        return json.append('}').toString();
    }

    @Test
    void looksUpEveryMemberByName() throws Exception {
        Map<String, Object> claims = claims("{\"iss\":\"a\",\"exp\":5,\"aud\":[\"x\"],\"ok\":true}");
        assertThat(claims.get("iss")).isEqualTo("a");
        assertThat(claims.get("exp")).isEqualTo(5L);
        assertThat(claims.get("aud")).isEqualTo(List.of("x"));
        assertThat(claims.containsKey("ok")).isTrue();
        assertThat(claims.get("sub")).isNull();
        assertThat(claims.containsKey("sub")).isFalse();
        assertThat(claims.get(42)).isNull();
    }

    @Test
    void looksUpMembersOfObjectsPastTheLinearLimit() throws Exception {
        Map<String, Object> claims = claims(manyMembers(200));
        assertThat(claims).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(claims.get("m" + i)).isEqualTo((long) i);
        }
        assertThat(claims.get("m200")).isNull();
    }

    @Test
    void equalsAndHashesLikeAnyMapOfTheSameMembers() throws Exception {
        Map<String, Object> claims = claims("{\"b\":1,\"a\":\"x\",\"c\":[true]}");
        Map<String, Object> same = new LinkedHashMap<>();
        same.put("a", "x");
        same.put("c", List.of(true));
        same.put("b", 1L);
        assertThat(claims).isEqualTo(same);
        assertThat(same).isEqualTo(claims);
        assertThat(claims.hashCode()).isEqualTo(same.hashCode());
        assertThat(claims).isEqualTo(Map.copyOf(same));
    }

    @Test
    void iteratesInTheOrderTheMembersWereRead() throws Exception {
        assertThat(claims("{\"z\":1,\"a\":2,\"m\":3}").keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void leavesOutMembersSetToNull() throws Exception {
        Map<String, Object> claims = claims("{\"a\":1,\"gone\":null,\"b\":2}");
        assertThat(claims).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
        assertThat(claims.containsKey("gone")).isFalse();
        assertThat(JsonObjectMap.copyOf(claims)).isSameAs(claims);
    }

    @Test
    void leavesOutNullsOfObjectsPastTheLinearLimit() throws Exception {
        String json = manyMembers(40).replace("\"m7\":7", "\"m7\":null");
        Map<String, Object> claims = claims(json);
        assertThat(claims).hasSize(39).doesNotContainKey("m7");
        assertThat(claims.get("m39")).isEqualTo(39L);
    }

    @Test
    void keepsNullsInTheFullMapAndCopyOfRefusesThemAsMapCopyOfDoes() throws Exception {
        Map<String, Object> header = members("{\"a\":null}").asMap();
        assertThat(header.containsKey("a")).isTrue();
        assertThat(header.get("a")).isNull();
        assertThatThrownBy(() -> JsonObjectMap.copyOf(header)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void copyOfCopiesAnyOtherMap() {
        Map<String, Object> other = new LinkedHashMap<>(Map.of("a", 1));
        Map<String, Object> copy = JsonObjectMap.copyOf(other);
        other.put("b", 2);
        assertThat(copy).isEqualTo(Map.of("a", 1));
    }

    @Test
    void refusesNullKeysAndValuesInLookupsAsTheJdksImmutableMapsDo() throws Exception {
        Map<String, Object> claims = claims("{\"a\":1}");
        assertThatThrownBy(() -> claims.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> claims.containsKey(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> claims.containsValue(null)).isInstanceOf(NullPointerException.class);
        assertThat(claims.containsValue(1L)).isTrue();
    }

    @Test
    void refusesEveryChange() throws Exception {
        Map<String, Object> claims = claims("{\"a\":1}");
        List<Runnable> changes = List.of(
                () -> claims.put("b", 2),
                () -> claims.remove("a"),
                () -> claims.remove("absent"),
                () -> claims.putAll(Map.of("b", 2)),
                claims::clear,
                () -> claims.replaceAll((k, v) -> v),
                () -> claims.putIfAbsent("b", 2),
                () -> claims.remove("a", 1L),
                () -> claims.replace("a", 1L, 2L),
                () -> claims.replace("a", 2L),
                () -> claims.computeIfAbsent("b", k -> 2),
                () -> claims.computeIfPresent("a", (k, v) -> 2),
                () -> claims.compute("a", (k, v) -> 2),
                () -> claims.merge("a", 2, (x, y) -> y),
                () -> claims.keySet().remove("a"),
                () -> claims.values().clear(),
                () -> claims.entrySet().iterator().next().setValue(2));
        for (Runnable change : changes) {
            assertThatThrownBy(change::run).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(claims).isEqualTo(Map.of("a", 1L));
    }
}
