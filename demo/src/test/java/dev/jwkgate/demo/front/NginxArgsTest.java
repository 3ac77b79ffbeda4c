package dev.jwkgate.demo.front;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkgate.demo.front.NginxArgs.Arg;
import org.junit.jupiter.api.Test;

/** Query strings decoded as {@code ngx.req.get_uri_args()} decodes them. */
class NginxArgsTest {

    @Test
    void splitsNamesAndValuesAtTheFirstEqualsSign() {
        assertThat(NginxArgs.decode("a=1&b=x=y", 100)).containsExactly(new Arg("a", "1"), new Arg("b", "x=y"));
    }

    @Test
    void keepsRepeatedNamesInOrderAndABareNameWithoutValue() {
        assertThat(NginxArgs.decode("t=1&flag&t=2&e=", 100))
                .containsExactly(new Arg("t", "1"), new Arg("flag", null), new Arg("t", "2"), new Arg("e", ""));
    }

    @Test
    void unescapesPercentAndPlusButKeepsAnInvalidEscape() {
        assertThat(NginxArgs.decode("q=a%2Eb+c%zz%4", 100)).containsExactly(new Arg("q", "a.b c%zz%4"));
    }

    @Test
    void dropsPiecesWithoutANameAndStopsAtTheLimit() {
        assertThat(NginxArgs.decode("&=x&a=1&b=2&c=3", 2)).containsExactly(new Arg("a", "1"), new Arg("b", "2"));
    }
}
