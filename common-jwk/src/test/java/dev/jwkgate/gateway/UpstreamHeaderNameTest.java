package dev.jwkgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 3875 §4.1.18: an upstream reads a header name upper-cased with - as _, so case and - vs _ do not count. */
class UpstreamHeaderNameTest {

    @Test
    void spellingsACgiUpstreamReadsAsOneVariableShareAKey() {
        assertThat(UpstreamHeaderName.key("X-User-Sub")).isEqualTo("x-user-sub");
        assertThat(UpstreamHeaderName.key("x_user_sub")).isEqualTo("x-user-sub");
        assertThat(UpstreamHeaderName.key("X-User_Sub")).isEqualTo("x-user-sub");
    }

    @Test
    void otherCharactersOnlyMatchThemselves() {
        assertThat(UpstreamHeaderName.key("x.user.sub")).isEqualTo("x.user.sub");
        assertThat(UpstreamHeaderName.key("\u212A-id")).isEqualTo("\u212A-id");
    }

    @Test
    void aGatewayComparesNamesIgnoringAsciiCaseOnly() {
        assertThat(UpstreamHeaderName.sameHeader("X-User-Id", "x-user-id")).isTrue();
        assertThat(UpstreamHeaderName.sameHeader("x_user_id", "x-user-id")).isFalse();
        assertThat(UpstreamHeaderName.sameHeader("\u212A", "k")).isFalse();
    }
}
