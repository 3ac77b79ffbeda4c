package dev.jwkgate.kong.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryStringsTest {

    @Test
    void removesEveryOccurrenceOfTheNamedParameter() {
        assertThat(QueryStrings.without("jwt=a&x=1&jwt=b", Set.of("jwt"))).isEqualTo("x=1");
    }

    @Test
    void matchesPercentEncodedNames() {
        assertThat(QueryStrings.without("j%77t=a&x=1", Set.of("jwt"))).isEqualTo("x=1");
    }

    @Test
    void keepsOtherParametersByteForByte() {
        assertThat(QueryStrings.without("a=%2F&b&c=d=e", Set.of("jwt"))).isEqualTo("a=%2F&b&c=d=e");
    }

    @Test
    void emptyWhenOnlyTheTokenWasThere() {
        assertThat(QueryStrings.without("jwt=a", Set.of("jwt"))).isEmpty();
    }
}
