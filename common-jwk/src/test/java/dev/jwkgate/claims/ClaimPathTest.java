package dev.jwkgate.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The claim-path syntax: dots descend objects, {@code \.} is a dot inside a name, {@code \\} a backslash. */
class ClaimPathTest {

    /** The shape of a Keycloak access token's role claims. */
    private static final Map<String, Object> KEYCLOAK = Map.of(
            "sub", "f3a1",
            "azp", "llm-gateway",
            "realm_access", Map.of("roles", List.of("default-roles-tenant-a", "llm-user")),
            "resource_access", Map.of("llm-gateway", Map.of("roles", List.of("chat")),
                    "account", Map.of("roles", List.of("view-profile"))),
            "https://example.com/tenant", "t1");

    @Test
    void readsATopLevelClaim() {
        ClaimPath path = ClaimPath.parse("azp");
        assertThat(path.isTopLevel()).isTrue();
        assertThat(path.find(KEYCLOAK)).isEqualTo("llm-gateway");
    }

    @Test
    void descendsIntoNestedObjectsAtEachDot() {
        assertThat(ClaimPath.parse("realm_access.roles").find(KEYCLOAK))
                .isEqualTo(List.of("default-roles-tenant-a", "llm-user"));
        assertThat(ClaimPath.parse("resource_access.llm-gateway.roles").names())
                .containsExactly("resource_access", "llm-gateway", "roles");
        assertThat(ClaimPath.parse("resource_access.llm-gateway.roles").find(KEYCLOAK)).isEqualTo(List.of("chat"));
    }

    @Test
    void readsAnEscapedDotAsPartOfTheName() {
        ClaimPath path = ClaimPath.parse("https://example\\.com/tenant");
        assertThat(path.names()).containsExactly("https://example.com/tenant");
        assertThat(path.find(KEYCLOAK)).isEqualTo("t1");
        assertThat(path.text()).isEqualTo("https://example\\.com/tenant");
    }

    @Test
    void readsAnEscapedBackslashAsOneBackslash() {
        assertThat(ClaimPath.parse("a\\\\.b").names()).containsExactly("a\\", "b");
        assertThat(ClaimPath.parse("a\\\\\\.b").names()).containsExactly("a\\.b");
    }

    @Test
    void findsNothingWhenANameIsMissing() {
        assertThat(ClaimPath.parse("realm_access.groups").find(KEYCLOAK)).isNull();
        assertThat(ClaimPath.parse("resource_access.other.roles").find(KEYCLOAK)).isNull();
    }

    @Test
    void findsNothingThroughAValueThatIsNotAnObject() {
        assertThat(ClaimPath.parse("sub.x").find(KEYCLOAK)).isNull();
        assertThat(ClaimPath.parse("realm_access.roles.0").find(KEYCLOAK)).isNull();
    }

    @Test
    void treatsANestedJsonNullAsAbsent() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("roles", null);
        assertThat(ClaimPath.parse("realm_access.roles").find(Map.of("realm_access", inner))).isNull();
    }

    @Test
    void reachesNullAtItsEndOrOnTheWayButNotWhereANameIsMissing() {
        Map<String, Object> rolesNull = new HashMap<>();
        rolesNull.put("roles", null);
        Map<String, Object> accessNull = new HashMap<>();
        accessNull.put("realm_access", null);
        ClaimPath roles = ClaimPath.parse("realm_access.roles");
        assertThat(roles.reachesNull(Map.of("realm_access", rolesNull))).isTrue();
        assertThat(roles.reachesNull(accessNull)).isTrue();
        assertThat(roles.reachesNull(Map.of("realm_access", Map.of()))).isFalse();
        assertThat(roles.reachesNull(KEYCLOAK)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a.", ".a", "a..b", "a\\", "a\\b", "a\\x.c"})
    void refusesPathsWithoutOneReading(String text) {
        assertThat(ClaimPath.problem(text)).isPresent();
        assertThatThrownBy(() -> ClaimPath.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void explainsHowToWriteADotInsideAName() {
        assertThat(ClaimPath.problem("a..b")).get().asString().contains("\\.");
    }

    @Test
    void comparesByTheNamesItDescends() {
        assertThat(ClaimPath.parse("a.b")).isEqualTo(ClaimPath.parse("a.b"))
                .isNotEqualTo(ClaimPath.parse("a\\.b"));
        assertThat(ClaimPath.parse("a.b")).hasSameHashCodeAs(ClaimPath.parse("a.b"));
    }

    @Test
    void aPathGivenAsKongsArrayOfNamesFindsTheSameValueAndIsNamedWithEscapes() {
        ClaimPath path = ClaimPath.of(List.of("resource_access", "my.client", "roles"));

        assertThat(path).isEqualTo(ClaimPath.parse("resource_access.my\\.client.roles"));
        assertThat(path.text()).isEqualTo("resource_access.my\\.client.roles");
        assertThat(path.find(Map.of("resource_access", Map.of("my.client", Map.of("roles", List.of("llm-user"))))))
                .isEqualTo(List.of("llm-user"));
    }

    @Test
    void refusesAnArrayPathWithAnEmptyName() {
        assertThatThrownBy(() -> ClaimPath.of(List.of("realm_access", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimPath.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
