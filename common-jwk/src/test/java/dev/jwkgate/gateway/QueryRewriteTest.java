package dev.jwkgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryRewriteTest {

    @Test
    void removesEveryOccurrenceOfTheNamedParameter() {
        assertThat(QueryRewrite.removing("jwt").applyTo("jwt=a&x=1&jwt=b")).isEqualTo("x=1");
    }

    @Test
    void matchesPercentEncodedNames() {
        assertThat(QueryRewrite.removing("jwt").applyTo("j%77t=a&x=1")).isEqualTo("x=1");
    }

    @Test
    void keepsOtherParametersByteForByte() {
        assertThat(QueryRewrite.removing("jwt").applyTo("a=%2F&b&c=d=e")).isEqualTo("a=%2F&b&c=d=e");
    }

    @Test
    void emptyWhenOnlyTheTokenWasThere() {
        assertThat(QueryRewrite.removing("jwt").applyTo("jwt=a")).isEmpty();
    }

    @Test
    void noneLeavesTheQueryUntouched() {
        assertThat(QueryRewrite.NONE.changes()).isFalse();
        assertThat(QueryRewrite.NONE.applyTo("jwt=a&b")).isEqualTo("jwt=a&b");
    }
}
